package dev.tuner.measure;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/** How a round's p50 and p95 are read off its operations. */
public enum QuantileEstimator {
  /**
   * The inverse of the empirical CDF (Hyndman–Fan 1, {@link Histogram}): always a measured value;
   * p95 of 40 operations is the 38th, of 20 the 19th. The default.
   */
  @JsonProperty("order-statistic")
  ORDER_STATISTIC,
  /** {@link HarrellDavis}: every operation weighted, less spread where the tail is bounded. */
  @JsonProperty("harrell-davis")
  HARRELL_DAVIS;

  /** The name in the spec, on the command line and in the log. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The p50 and p95 of {@code nanos}; p99 as the order statistic (the rule does not read it). */
  public Quantiles quantiles(double[] nanos) {
    SortedMap<Double, Long> counts = new TreeMap<>();
    for (double v : nanos) {
      counts.merge(v, 1L, Long::sum);
    }
    Quantiles order = Histogram.of(counts).quantiles();
    return this == ORDER_STATISTIC
        ? order
        : new Quantiles(
            HarrellDavis.quantile(nanos, 0.5), HarrellDavis.quantile(nanos, 0.95), order.p99());
  }
}

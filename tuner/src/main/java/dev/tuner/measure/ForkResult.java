package dev.tuner.measure;

import java.util.Map;
import java.util.Objects;

/**
 * One fork (one JVM invocation) of one case: the histogram of its measurement iterations merged,
 * its quantiles, and its secondary metrics, each the mean over the fork's measurement iterations.
 *
 * @param secondary secondary metric name (as JMH writes it, e.g. {@code gc.alloc.rate.norm}) → mean
 *     per iteration, in the metric's own JMH unit
 */
public record ForkResult(Histogram histogram, Quantiles quantiles, Map<String, Double> secondary) {

  /** JMH's {@code -prof gc} name for bytes allocated per operation. */
  public static final String ALLOC_NORM = "gc.alloc.rate.norm";

  public ForkResult {
    Objects.requireNonNull(histogram, "histogram");
    Objects.requireNonNull(quantiles, "quantiles");
    secondary = Map.copyOf(secondary);
  }

  /** A fork result whose quantiles are read off its histogram. */
  public static ForkResult of(Histogram histogram, Map<String, Double> secondary) {
    return new ForkResult(histogram, histogram.quantiles(), secondary);
  }

  /**
   * Bytes allocated per operation; 0 when {@code -prof gc} reported nothing (JMH omits the metric
   * when nothing was allocated, and it is absent too when the profiler was off).
   */
  public double allocBytesPerOp() {
    return secondary.getOrDefault(ALLOC_NORM, 0.0);
  }
}

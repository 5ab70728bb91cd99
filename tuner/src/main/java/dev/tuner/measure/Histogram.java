package dev.tuner.measure;

import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * The latency samples of one fork: distinct values in nanoseconds, ascending, each with its count.
 *
 * <p>Quantiles use Commons Statistics' {@link Quantile} with Hyndman–Fan definition 1 (the inverse
 * of the empirical CDF), read straight off the cumulative counts rather than by expanding the
 * histogram into one array element per sample. Definition 1 always returns an observed value: JMH's
 * samples sit on the timer's ticks (tens of nanoseconds), and a value interpolated between two
 * ticks would be a number the machine never measured. It also commutes with monotone maps, so the
 * quantile of the logs is the log of the quantile.
 */
public final class Histogram {

  private static final Quantile INVERSE_CDF =
      Quantile.withDefaults().with(Quantile.EstimationMethod.HF1);

  private final double[] values;
  private final long[] cumulative;

  private Histogram(double[] values, long[] cumulative) {
    this.values = values;
    this.cumulative = cumulative;
  }

  /**
   * Builds a histogram from value → count pairs.
   *
   * @throws IllegalArgumentException if it is empty, a value is not finite and non-negative, a
   *     count is not positive, or the total exceeds {@link Integer#MAX_VALUE} samples
   */
  public static Histogram of(SortedMap<Double, Long> counts) {
    double[] values = new double[counts.size()];
    long[] cumulative = new long[counts.size()];
    int i = 0;
    long total = 0;
    for (Map.Entry<Double, Long> e : counts.entrySet()) {
      double value = e.getKey();
      long count = e.getValue();
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException("sample value " + value + " is not a finite duration");
      }
      if (count <= 0) {
        throw new IllegalArgumentException(
            "count " + count + " of value " + value + " is not positive");
      }
      total += count;
      values[i] = value;
      cumulative[i++] = total;
    }
    if (total == 0) {
      throw new IllegalArgumentException("histogram has no samples");
    }
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("histogram has more than 2^31-1 samples: " + total);
    }
    return new Histogram(values, cumulative);
  }

  /** The number of samples. */
  public long count() {
    return cumulative[cumulative.length - 1];
  }

  /** The number of distinct values. */
  public int distinctValues() {
    return values.length;
  }

  /** The smallest sample, in nanoseconds. */
  public double min() {
    return values[0];
  }

  /** The largest sample, in nanoseconds. */
  public double max() {
    return values[values.length - 1];
  }

  /** The p-quantile (0 ≤ p ≤ 1) in nanoseconds, by the inverse empirical CDF. */
  public double quantile(double p) {
    return INVERSE_CDF.evaluate((int) count(), this::valueAtRank, p);
  }

  /** The per-fork summary the decision rule reads. */
  public Quantiles quantiles() {
    return new Quantiles(quantile(0.50), quantile(0.95), quantile(0.99));
  }

  /** The value of the sample at 0-based rank {@code rank} in ascending order. */
  private double valueAtRank(int rank) {
    // First bucket whose cumulative count exceeds the rank.
    int i = Arrays.binarySearch(cumulative, rank + 1L);
    return values[i >= 0 ? i : -i - 1];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Histogram h
        && Arrays.equals(values, h.values)
        && Arrays.equals(cumulative, h.cumulative);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(values) + Arrays.hashCode(cumulative);
  }

  @Override
  public String toString() {
    return String.format(
        "Histogram[count=%d, distinct=%d, min=%sns, max=%sns]",
        count(), values.length, min(), max());
  }
}

package dev.tuner.review;

import java.util.Locale;

/**
 * A relative change of a metric, in percent ({@code -12.5} is 12.5% lower), with the interval of
 * the decision that produced it when there was one.
 *
 * @param low lower bound of the interval in percent, or null when the data gave none
 * @param high upper bound of the interval in percent, or null when the data gave none
 */
public record Change(double percent, Double low, Double high) {

  /** From a ratio candidate/reference and its interval (either bound may be null). */
  static Change ofRatio(double ratio, Double lowRatio, Double highRatio) {
    return new Change(
        100 * (ratio - 1),
        lowRatio == null ? null : 100 * (lowRatio - 1),
        highRatio == null ? null : 100 * (highRatio - 1));
  }

  /** {@code -12.3% [-14.0, -10.1]}; an open bound shows as {@code …}. */
  public String text() {
    String point = String.format(Locale.ROOT, "%+.1f%%", percent);
    if (low == null && high == null) {
      return point;
    }
    return point + " [" + bound(low) + ", " + bound(high) + "]";
  }

  private static String bound(Double value) {
    return value == null ? "…" : String.format(Locale.ROOT, "%+.1f", value);
  }

  /**
   * Whether this is a better change than {@code other} for a metric where {@code lowerIsBetter}.
   */
  boolean betterThan(Change other, boolean lowerIsBetter) {
    return other == null || (lowerIsBetter ? percent < other.percent : percent > other.percent);
  }
}

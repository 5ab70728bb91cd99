package dev.tuner.decide;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * What the keep rule asks of p50 and p95. Both are intersection–union tests: each part is tested at
 * α and all must reject, so the false-keep rate (of a change whose p50 is not faster beyond δ)
 * stays within α with no correction, and the sequential plan spends α over looks the same way for
 * both.
 */
public enum Criterion {
  /** p50 and p95 both improved beyond δ: the first rule, and the default. */
  @JsonProperty("both-improved")
  BOTH_IMPROVED,
  /**
   * p50 improved beyond δ, and p95 not worse than {@link DecisionRule#tailMargin()} (its interval
   * ends below 1 + margin). More power when the tail is noisy, at the price of keeping a change
   * that makes the tail up to that margin slower.
   */
  @JsonProperty("median-improved-tail-not-worse")
  MEDIAN_IMPROVED_TAIL_NOT_WORSE;

  /** The name in the spec and on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether the comparisons of p50 and p95 meet the criterion at margin {@code tailMargin}. */
  boolean faster(Comparison p50, Comparison p95, double tailMargin) {
    boolean median = p50.verdict() == Verdict.IMPROVED;
    return switch (this) {
      case BOTH_IMPROVED -> median && p95.verdict() == Verdict.IMPROVED;
      case MEDIAN_IMPROVED_TAIL_NOT_WORSE -> median && p95.ciHigh() < 1 + tailMargin;
    };
  }
}

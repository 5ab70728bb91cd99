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
  /** p50 and p95 both improved beyond δ: the first rule, the default until 2026-12-06. */
  @JsonProperty("both-improved")
  BOTH_IMPROVED,
  /**
   * p50 improved beyond δ, and p95 not worse than {@link DecisionRule#tailMargin()} (its interval
   * ends below 1 + margin). More power when the tail is noisy, at the price of keeping a change
   * that makes the tail up to that margin slower. The default.
   */
  @JsonProperty("median-improved-tail-not-worse")
  MEDIAN_IMPROVED_TAIL_NOT_WORSE;

  /** The name in the spec and on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** What a change must do to be kept, in words, for a prompt: "…kept only if {this}". */
  public String keepsWhen(double threshold, double tailMargin) {
    return switch (this) {
      case BOTH_IMPROVED ->
          String.format(
              Locale.ROOT, "p50 and p95 both improve by more than %.1f%%", 100 * threshold);
      case MEDIAN_IMPROVED_TAIL_NOT_WORSE ->
          String.format(
              Locale.ROOT,
              "p50 improves by more than %.1f%% and p95 gets no more than %.1f%% slower",
              100 * threshold,
              100 * tailMargin);
    };
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

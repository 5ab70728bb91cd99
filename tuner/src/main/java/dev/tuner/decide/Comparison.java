package dev.tuner.decide;

import java.util.Locale;

/**
 * One metric of candidate B against current best A, over forks.
 *
 * @param metric what was compared, e.g. {@code p50} (aggregate over cases) or {@code p95:<case>}
 * @param ratio the Hodges–Lehmann estimate of B/A (below 1: B is faster or allocates less)
 * @param ciLow lower bound of the interval for B/A; 0 when the data cannot bound it
 * @param ciHigh upper bound of the interval for B/A; +∞ when the data cannot bound it
 * @param confidence the interval's two-sided confidence level, 1 − 2α
 * @param pValue the one-sided p-value of "B/A is beyond the threshold" in the direction of {@code
 *     ratio}: of B/A < 1 − δ when {@code ratio ≤ 1}, of B/A > 1 + δ otherwise
 * @param verdict {@code improved} iff ciHigh < 1 − δ, {@code regressed} iff ciLow > 1 + δ
 * @param forksA forks of A compared
 * @param forksB forks of B compared
 */
public record Comparison(
    String metric,
    double ratio,
    double ciLow,
    double ciHigh,
    double confidence,
    double pValue,
    Verdict verdict,
    int forksA,
    int forksB) {

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%s %s: B/A %.4f, %.1f%% CI [%.4f, %.4f], p %.3g, forks %d/%d",
        metric,
        verdict,
        ratio,
        100 * confidence,
        ciLow,
        ciHigh,
        pValue,
        forksA,
        forksB);
  }
}

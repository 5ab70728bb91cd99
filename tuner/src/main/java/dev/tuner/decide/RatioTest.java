package dev.tuner.decide;

import java.util.Arrays;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;

/**
 * Compares one metric of B against A, one value per fork on each side, as a ratio B/A.
 *
 * <p>Method. The forks are the replicates. Work on logs, where a ratio is a shift Δ = log(B/A).
 *
 * <ul>
 *   <li>Estimate: Hodges–Lehmann, the median of the pairwise differences log b<sub>j</sub> − log
 *       a<sub>i</sub>; {@code ratio = exp(estimate)}.
 *   <li>Tests: Commons Statistics' {@link MannWhitneyUTest} shifted by μ, one-sided. "Improved"
 *       tests H1: Δ &lt; log(1 − δ); "regressed" tests H1: Δ &gt; log(1 + δ); each at α. The
 *       p-value is exact for samples without ties and, with ties, the library's normal
 *       approximation with tie and continuity correction.
 *   <li>Interval: the inversion of those same two tests. The upper bound is the largest shift the
 *       "less" test does not reject at α, the lower bound the smallest the "greater" test does not
 *       reject; together a two-sided interval at 1 − 2α. The test's statistic changes only where μ
 *       crosses a pairwise difference, so each bound is one of the pairwise differences, found by a
 *       binary search of the tests at points between them. Inverting the very test used for the
 *       verdict (rather than tabulating critical values separately) keeps "the interval lies beyond
 *       the threshold" and "the shifted one-sided test rejects" the same statement, ties included.
 *       The p-value is the test's at the threshold itself; a pairwise ratio exactly at 1 ± δ (timer
 *       ticks make that happen: 101 ns vs 100 ns) counts as not beyond it, on both the p-value and
 *       the interval, so the verdict, "p ≤ α" and "interval beyond the threshold" always agree.
 * </ul>
 *
 * With few forks the exact test cannot reach small p-values (3 vs 3 forks: 1/20 at best), and then
 * the interval is unbounded on that side and the verdict {@code same}.
 *
 * <p>{@link #comparePaired} is the same method for forks measured in pairs (Wilcoxon signed-rank on
 * the paired log ratios instead of Mann–Whitney); {@link Pairing} says which one a design needs.
 */
public final class RatioTest {

  private static final MannWhitneyUTest MANN_WHITNEY = MannWhitneyUTest.withDefaults();
  private static final WilcoxonSignedRankTest SIGNED_RANK = WilcoxonSignedRankTest.withDefaults();

  private RatioTest() {}

  /**
   * Compares B against A, forks independent.
   *
   * @param a one positive value per fork of A (the current best)
   * @param b one positive value per fork of B (the candidate)
   * @param threshold δ
   * @param alpha the level of each one-sided test; the interval is at 1 − 2α
   */
  public static Comparison compare(
      String metric, double[] a, double[] b, double threshold, double alpha) {
    double[] logA = logs(a, "A");
    double[] logB = logs(b, "B");
    ShiftTest test = (mu, h1) -> MANN_WHITNEY.with(h1).withMu(mu).test(logB, logA).getPValue();
    Comparison c = invert(metric, sortedDifferences(logA, logB), test, threshold, alpha);
    return withForks(c, a.length, b.length);
  }

  /**
   * Compares B against A when fork i of A and fork i of B were measured together (the in-JVM
   * design: one round of both builds interleaved), so what disturbed one disturbed the other.
   *
   * <p>The same method as {@link #compare} on the paired log ratios d<sub>i</sub> = log
   * b<sub>i</sub> − log a<sub>i</sub>, with Commons Statistics' {@link WilcoxonSignedRankTest}
   * shifted by μ in place of Mann–Whitney: the estimate is the one-sample Hodges–Lehmann estimate
   * (the median of the Walsh averages (d<sub>i</sub> + d<sub>j</sub>)/2, i ≤ j), and the interval
   * inverts the two one-sided shifted tests, whose statistic changes only where μ crosses a Walsh
   * average. Between Walsh averages no d<sub>i</sub> − μ is zero and no two |d<sub>i</sub> − μ|
   * tie, so every p-value is exact (n &lt; 50). The test assumes the d<sub>i</sub> are symmetric
   * about their centre, which holds exactly for identical builds whose order alternates.
   *
   * <p>With n pairs the smallest one-sided p-value is 2<sup>−n</sup>: 8 pairs reach 0.0039.
   *
   * @param a one positive value per fork (round) of A
   * @param b the value of B from the same fork (round), index by index
   * @throws IllegalArgumentException if the sides have different numbers of forks
   */
  public static Comparison comparePaired(
      String metric, double[] a, double[] b, double threshold, double alpha) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "paired sides need the same number of forks: A has " + a.length + ", B " + b.length);
    }
    double[] logA = logs(a, "A");
    double[] logB = logs(b, "B");
    double[] d = new double[a.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = logB[i] - logA[i];
    }
    ShiftTest test = (mu, h1) -> SIGNED_RANK.with(h1).withMu(mu).test(d).getPValue();
    Comparison c = invert(metric, walshAverages(d), test, threshold, alpha);
    return withForks(c, a.length, b.length);
  }

  /** The one-sided p-value of a shift test: "the log ratio lies below (or above) μ". */
  @FunctionalInterface
  private interface ShiftTest {
    double pValue(double mu, AlternativeHypothesis h1);
  }

  /**
   * Estimate, interval, p-value and verdict from a shift test and the sorted points where its
   * statistic changes (pairwise differences, or Walsh averages); the estimate is their median.
   */
  private static Comparison invert(
      String metric, double[] points, ShiftTest test, double threshold, double alpha) {
    // The distinct points ("cuts") are where the shifted test's statistic changes.
    double[] cuts = Arrays.stream(points).distinct().toArray();
    double estimate = Median.withDefaults().evaluate(points);

    double fasterBound = Math.log1p(-threshold);
    double slowerBound = Math.log1p(threshold);
    double upper = upperBound(test, cuts, alpha);
    double lower = lowerBound(test, cuts, alpha);
    Verdict verdict =
        upper < fasterBound
            ? Verdict.IMPROVED
            : lower > slowerBound ? Verdict.REGRESSED : Verdict.SAME;
    // At each threshold from the side where a tie with it is not beyond it.
    double p =
        estimate <= 0
            ? test.pValue(
                pointIn(cuts, regionJustBelow(cuts, fasterBound)), AlternativeHypothesis.LESS_THAN)
            : test.pValue(
                pointIn(cuts, regionJustAbove(cuts, slowerBound)),
                AlternativeHypothesis.GREATER_THAN);
    return new Comparison(
        metric,
        Math.exp(estimate),
        Math.exp(lower),
        Math.exp(upper),
        1 - 2 * alpha,
        p,
        verdict,
        0,
        0);
  }

  private static Comparison withForks(Comparison c, int forksA, int forksB) {
    return new Comparison(
        c.metric(),
        c.ratio(),
        c.ciLow(),
        c.ciHigh(),
        c.confidence(),
        c.pValue(),
        c.verdict(),
        forksA,
        forksB);
  }

  /**
   * The largest shift not rejected by the "less" test. The shifts between consecutive cuts form
   * regions 0..k (region r lies just above cut r − 1); p falls as the shift grows, so binary-search
   * the first rejecting region; its lower edge is the bound.
   */
  private static double upperBound(ShiftTest test, double[] cuts, double alpha) {
    int lo = 0;
    int hi = cuts.length + 1; // "no region rejects"
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (test.pValue(pointIn(cuts, mid), AlternativeHypothesis.LESS_THAN) <= alpha) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    if (lo == 0) {
      return Double.NEGATIVE_INFINITY; // rejects everywhere: only possible for α ≥ 1/2
    }
    return lo > cuts.length ? Double.POSITIVE_INFINITY : cuts[lo - 1];
  }

  /** The smallest shift not rejected by the "greater" test: mirror of {@link #upperBound}. */
  private static double lowerBound(ShiftTest test, double[] cuts, double alpha) {
    int lo = -1; // "no region rejects"
    int hi = cuts.length;
    while (lo < hi) {
      int mid = (lo + hi + 1) >> 1;
      if (test.pValue(pointIn(cuts, mid), AlternativeHypothesis.GREATER_THAN) <= alpha) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    if (lo == cuts.length) {
      return Double.POSITIVE_INFINITY; // rejects everywhere: only possible for α ≥ 1/2
    }
    return lo < 0 ? Double.NEGATIVE_INFINITY : cuts[lo];
  }

  /** The region holding μ, or, when μ is a cut, the region just below it. */
  private static int regionJustBelow(double[] cuts, double mu) {
    int i = Arrays.binarySearch(cuts, mu);
    return i >= 0 ? i : -i - 1;
  }

  /** The region holding μ, or, when μ is a cut, the region just above it. */
  private static int regionJustAbove(double[] cuts, double mu) {
    int i = Arrays.binarySearch(cuts, mu);
    return i >= 0 ? i + 1 : -i - 1;
  }

  /** A shift strictly inside region r, where no pairwise difference ties with it. */
  private static double pointIn(double[] cuts, int region) {
    if (region == 0) {
      return cuts[0] - 1;
    }
    if (region == cuts.length) {
      return cuts[cuts.length - 1] + 1;
    }
    return cuts[region - 1] + (cuts[region] - cuts[region - 1]) / 2;
  }

  private static double[] sortedDifferences(double[] logA, double[] logB) {
    double[] d = new double[logA.length * logB.length];
    int k = 0;
    for (double y : logB) {
      for (double x : logA) {
        d[k++] = y - x;
      }
    }
    Arrays.sort(d);
    return d;
  }

  /** The n(n+1)/2 averages (d_i + d_j)/2, i ≤ j, sorted. */
  private static double[] walshAverages(double[] d) {
    double[] w = new double[d.length * (d.length + 1) / 2];
    int k = 0;
    for (int i = 0; i < d.length; i++) {
      for (int j = i; j < d.length; j++) {
        w[k++] = (d[i] + d[j]) / 2;
      }
    }
    Arrays.sort(w);
    return w;
  }

  private static double[] logs(double[] values, String side) {
    if (values.length == 0) {
      throw new IllegalArgumentException("side " + side + " has no forks");
    }
    double[] logs = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      if (!(values[i] > 0) || Double.isInfinite(values[i])) {
        throw new IllegalArgumentException(
            "side " + side + " fork " + (i + 1) + " has a non-positive value: " + values[i]);
      }
      logs[i] = Math.log(values[i]);
    }
    return logs;
  }
}

package dev.tuner.decide;

import java.util.stream.IntStream;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;

/** How the forks of the two sides relate, and so which comparison of {@link RatioTest} applies. */
public enum Pairing {
  /**
   * Every fork is its own JVM, A's and B's unrelated (the fork-level design, forks alternating
   * ABAB…): {@link RatioTest#compare}, Mann–Whitney over the forks.
   */
  INDEPENDENT {
    @Override
    Comparison compare(String metric, double[] a, double[] b, double threshold, double alpha) {
      return RatioTest.compare(metric, a, b, threshold, alpha);
    }

    @Override
    double smallestP(int n) {
      double[] low = IntStream.range(0, n).asDoubleStream().toArray();
      double[] high = IntStream.range(n, 2 * n).asDoubleStream().toArray();
      return MannWhitneyUTest.withDefaults()
          .with(AlternativeHypothesis.LESS_THAN)
          .test(low, high)
          .getPValue();
    }
  },
  /**
   * Fork i of A and fork i of B were measured together (the in-JVM design: one round of both
   * builds, interleaved operation by operation): {@link RatioTest#comparePaired}, Wilcoxon
   * signed-rank over the paired ratios.
   */
  PAIRED {
    @Override
    Comparison compare(String metric, double[] a, double[] b, double threshold, double alpha) {
      return RatioTest.comparePaired(metric, a, b, threshold, alpha);
    }

    @Override
    double smallestP(int n) {
      double[] allBelow = IntStream.range(1, n + 1).mapToDouble(i -> -i).toArray();
      return WilcoxonSignedRankTest.withDefaults()
          .with(AlternativeHypothesis.LESS_THAN)
          .test(allBelow)
          .getPValue();
    }
  };

  /** Compares one metric, one value per fork on each side. */
  abstract Comparison compare(
      String metric, double[] a, double[] b, double threshold, double alpha);

  /** The smallest one-sided p-value the exact test can give with n forks per side. */
  abstract double smallestP(int n);
}

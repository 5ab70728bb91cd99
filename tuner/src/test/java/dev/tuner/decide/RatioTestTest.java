package dev.tuner.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RatioTestTest {

  private static final double DELTA = 0.01;
  private static final double ALPHA = 0.01;
  private static final double SIGMA = 0.02;
  private static final int TRIALS = 2000;

  @Test
  void equalDistributionsAreAlmostNeverImprovedOrRegressed() {
    SplittableRandom random = new SplittableRandom(1);
    int changed = 0;
    for (int t = 0; t < TRIALS; t++) {
      Comparison c = compare(random, 10, 1.0, SIGMA, DELTA, ALPHA);
      changed += c.verdict() == Verdict.SAME ? 0 : 1;
    }
    report("A/A, delta 1%", changed);
    assertThat(rate(changed)).isLessThanOrEqualTo(ALPHA);
  }

  @Test
  void withoutAThresholdTheFalseImprovedRateIsAlphaAndNoMore() {
    // δ = 0 puts the null exactly on the boundary: the size of the test itself, near α.
    double alpha = 0.05;
    SplittableRandom random = new SplittableRandom(2);
    int improved = 0;
    for (int t = 0; t < TRIALS; t++) {
      improved += compare(random, 10, 1.0, SIGMA, 0, alpha).verdict() == Verdict.IMPROVED ? 1 : 0;
    }
    report("A/A, delta 0, alpha 5%", improved);
    double se = Math.sqrt(alpha * (1 - alpha) / TRIALS);
    assertThat(rate(improved)).isBetween(alpha - 4 * se, alpha + 3 * se);
  }

  @Test
  void detectsFiveAndTenPercentChangesInBothDirections() {
    SplittableRandom random = new SplittableRandom(3);
    for (double factor : new double[] {0.90, 0.95, 1.05, 1.10}) {
      Verdict expected = factor < 1 ? Verdict.IMPROVED : Verdict.REGRESSED;
      int hits = 0;
      int wrongWay = 0;
      for (int t = 0; t < 1000; t++) {
        Verdict v = compare(random, 10, factor, SIGMA, DELTA, ALPHA).verdict();
        hits += v == expected ? 1 : 0;
        wrongWay += v != expected && v != Verdict.SAME ? 1 : 0;
      }
      System.out.printf(
          "RatioTest power, factor %.2f, 10 forks, sigma 2%%: %.3f%n", factor, hits / 1000.0);
      assertThat(hits / 1000.0)
          .as("power at %s", factor)
          .isGreaterThanOrEqualTo(Math.abs(factor - 1) > 0.07 ? 0.99 : 0.85);
      assertThat(wrongWay).isZero();
    }
  }

  @Test
  void aShiftInsideTheThresholdIsNotImproved() {
    // Half a percent faster, measured very precisely: real, but not beyond δ.
    SplittableRandom random = new SplittableRandom(4);
    int improved = 0;
    for (int t = 0; t < 500; t++) {
      Comparison c = compare(random, 10, 0.995, 0.002, DELTA, ALPHA);
      improved += c.verdict() == Verdict.IMPROVED ? 1 : 0;
      assertThat(c.ciHigh()).isGreaterThan(c.ratio());
    }
    assertThat(improved).isZero();
  }

  @Test
  void intervalCoversTheTrueRatioAtItsConfidence() {
    double alpha = 0.05;
    SplittableRandom random = new SplittableRandom(5);
    int covered = 0;
    for (int t = 0; t < TRIALS; t++) {
      Comparison c = compare(random, 10, 0.93, SIGMA, DELTA, alpha);
      covered += c.ciLow() <= 0.93 && 0.93 <= c.ciHigh() ? 1 : 0;
    }
    System.out.printf("RatioTest 90%% interval coverage: %.3f%n", rate(covered));
    assertThat(rate(covered)).isGreaterThanOrEqualTo(0.90 - 3 * Math.sqrt(0.09 / TRIALS));
  }

  @Test
  void verdictIntervalAndPValueAgree() {
    SplittableRandom random = new SplittableRandom(6);
    for (int t = 0; t < 1000; t++) {
      int n = 3 + random.nextInt(10);
      double factor = 0.9 + 0.2 * random.nextDouble();
      // Quantised half the time, so the tie-corrected approximation is exercised too.
      double[] a = Simulated.values(random, n, 100, 0.03);
      double[] b = Simulated.values(random, n + random.nextInt(3), 100 * factor, 0.03);
      if (t % 2 == 0) {
        a = round(a);
        b = round(b);
      }
      Comparison c = RatioTest.compare("x", a, b, DELTA, 0.05);

      assertThat(c.ciLow()).isLessThanOrEqualTo(c.ratio());
      assertThat(c.ratio()).isLessThanOrEqualTo(c.ciHigh());
      assertThat(c.verdict() == Verdict.IMPROVED).isEqualTo(c.ciHigh() < 1 - DELTA);
      assertThat(c.verdict() == Verdict.REGRESSED).isEqualTo(c.ciLow() > 1 + DELTA);
      boolean significant = c.pValue() <= 0.05;
      assertThat(c.verdict() != Verdict.SAME).as("%s", c).isEqualTo(significant);
    }
  }

  @Test
  void heavyTiesAreHandled() {
    // Timer ticks: every fork's p50 is 30 or 31 ns (or 40 on a bad fork).
    SplittableRandom random = new SplittableRandom(7);
    int changed = 0;
    for (int t = 0; t < TRIALS; t++) {
      Comparison c = RatioTest.compare("p50", ticks(random, 10), ticks(random, 10), DELTA, ALPHA);
      changed += c.verdict() == Verdict.SAME ? 0 : 1;
    }
    report("A/A, heavy ties", changed);
    assertThat(rate(changed)).isLessThanOrEqualTo(ALPHA);

    double[] thirty = {30, 30, 30, 30, 30, 30, 30, 30, 30, 30};
    double[] forty = {40, 40, 40, 40, 40, 40, 40, 40, 40, 40};
    Comparison identical = RatioTest.compare("p50", thirty, thirty, DELTA, ALPHA);
    assertThat(identical.verdict()).isEqualTo(Verdict.SAME);
    assertThat(new double[] {identical.ratio(), identical.ciLow(), identical.ciHigh()})
        .containsExactly(1, 1, 1);
    Comparison faster = RatioTest.compare("p50", forty, thirty, DELTA, ALPHA);
    assertThat(faster.verdict()).isEqualTo(Verdict.IMPROVED);
    assertThat(faster.ratio()).isEqualTo(0.75, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void threeForksCannotReachASmallAlpha() {
    Comparison c =
        RatioTest.compare(
            "p50", new double[] {200, 201, 202}, new double[] {100, 101, 102}, DELTA, ALPHA);

    // Perfect separation gives p = 1/20 at best: no verdict at α = 1%, and no upper bound.
    assertThat(c.verdict()).isEqualTo(Verdict.SAME);
    assertThat(c.pValue()).isEqualTo(0.05, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(c.ciHigh()).isInfinite();
    assertThat(c.ratio()).isLessThan(0.51);
  }

  @Test
  void rejectsNonPositiveValues() {
    assertThatThrownBy(
            () -> RatioTest.compare("p50", new double[] {1, 0}, new double[] {1}, DELTA, ALPHA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("A fork 2");
    assertThatThrownBy(
            () -> RatioTest.compare("p50", new double[] {1}, new double[0], DELTA, ALPHA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("B has no forks");
  }

  private static Comparison compare(
      SplittableRandom random, int n, double factor, double sigma, double delta, double alpha) {
    return RatioTest.compare(
        "x",
        Simulated.values(random, n, 1000, sigma),
        Simulated.values(random, n, 1000 * factor, sigma),
        delta,
        alpha);
  }

  private static double[] ticks(SplittableRandom random, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble();
      v[i] = u < 0.6 ? 30 : u < 0.95 ? 31 : 40;
    }
    return v;
  }

  private static double[] round(double[] values) {
    double[] r = new double[values.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = Math.round(values[i]);
    }
    return r;
  }

  private static double rate(int count) {
    return count / (double) TRIALS;
  }

  private static void report(String what, int count) {
    System.out.printf(
        "RatioTest %s: %d of %d trials changed (%.4f)%n", what, count, TRIALS, rate(count));
  }
}

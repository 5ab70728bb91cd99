package dev.tuner.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link RatioTest#comparePaired}: rounds of an in-JVM run, where each round's A and B share what
 * disturbed the machine during it. Synthetic rounds with known truth: a round-level factor shared
 * by both sides (log sd {@code SHARED}) and a small per-side part (log sd {@code OWN}).
 */
class PairedRatioTestTest {

  private static final double DELTA = 0.01;
  private static final double ALPHA = 0.01;
  private static final double SHARED = 0.05;
  private static final double OWN = 0.01;
  private static final int TRIALS = 2000;

  @Test
  void identicalBuildsAreAlmostNeverImprovedOrRegressed() {
    SplittableRandom random = new SplittableRandom(31);
    int changed = 0;
    for (int t = 0; t < TRIALS; t++) {
      changed += pairs(random, 12, 1.0, DELTA, ALPHA).verdict() == Verdict.SAME ? 0 : 1;
    }
    System.out.printf("Paired A/A, 12 rounds: %d of %d changed%n", changed, TRIALS);
    assertThat(changed / (double) TRIALS).isLessThanOrEqualTo(ALPHA);
  }

  @Test
  void withoutAThresholdTheFalseImprovedRateIsAlphaAndNoMore() {
    double alpha = 0.05;
    SplittableRandom random = new SplittableRandom(32);
    int improved = 0;
    for (int t = 0; t < TRIALS; t++) {
      improved += pairs(random, 12, 1.0, 0, alpha).verdict() == Verdict.IMPROVED ? 1 : 0;
    }
    double se = Math.sqrt(alpha * (1 - alpha) / TRIALS);
    assertThat(improved / (double) TRIALS).isBetween(alpha - 4 * se, alpha + 3 * se);
  }

  @Test
  void pairingFindsAChangeThatSharedNoiseHidesFromIndependentForks() {
    SplittableRandom random = new SplittableRandom(33);
    int paired = 0;
    int independent = 0;
    for (int t = 0; t < 500; t++) {
      double[][] ab = rounds(random, 12, 0.95);
      paired +=
          RatioTest.comparePaired("p50", ab[0], ab[1], DELTA, ALPHA).verdict() == Verdict.IMPROVED
              ? 1
              : 0;
      independent +=
          RatioTest.compare("p50", ab[0], ab[1], DELTA, ALPHA).verdict() == Verdict.IMPROVED
              ? 1
              : 0;
    }
    System.out.printf(
        "5%% faster, 12 rounds, shared noise 5%%: paired %d/500, independent %d/500%n",
        paired, independent);
    assertThat(paired / 500.0).isGreaterThanOrEqualTo(0.95);
    assertThat(independent / 500.0).isLessThan(0.5);
  }

  @Test
  void detectsChangesInBothDirectionsAndNeverTheWrongWay() {
    SplittableRandom random = new SplittableRandom(34);
    for (double factor : new double[] {0.95, 1.05}) {
      Verdict expected = factor < 1 ? Verdict.IMPROVED : Verdict.REGRESSED;
      int hits = 0;
      for (int t = 0; t < 500; t++) {
        Verdict v = pairs(random, 10, factor, DELTA, ALPHA).verdict();
        hits += v == expected ? 1 : 0;
        assertThat(v).isIn(expected, Verdict.SAME);
      }
      assertThat(hits / 500.0).as("power at %s", factor).isGreaterThanOrEqualTo(0.9);
    }
  }

  @Test
  void intervalCoversTheTrueRatioAtItsConfidence() {
    double alpha = 0.05;
    SplittableRandom random = new SplittableRandom(35);
    int covered = 0;
    for (int t = 0; t < TRIALS; t++) {
      Comparison c = pairs(random, 12, 0.93, DELTA, alpha);
      covered += c.ciLow() <= 0.93 && 0.93 <= c.ciHigh() ? 1 : 0;
      assertThat(c.verdict() != Verdict.SAME).isEqualTo(c.pValue() <= alpha);
    }
    assertThat(covered / (double) TRIALS)
        .isGreaterThanOrEqualTo(0.90 - 3 * Math.sqrt(0.09 / TRIALS));
  }

  @Test
  void eightPairsAreTheFewestThatCanRejectAtHalfAPercent() {
    assertThat(Pairing.PAIRED.smallestP(8)).isEqualTo(1.0 / 256, within(1e-12));
    assertThat(Pairing.PAIRED.smallestP(7)).isGreaterThan(0.005);
    double[] a = {100, 101, 102, 103, 104, 105, 106, 107};
    double[] b = new double[8];
    for (int i = 0; i < 8; i++) {
      b[i] = a[i] * (0.80 + 0.001 * i);
    }
    Comparison c = RatioTest.comparePaired("p50", a, b, DELTA, 0.005);
    assertThat(c.verdict()).isEqualTo(Verdict.IMPROVED);
    assertThat(c.pValue()).isEqualTo(1.0 / 256, within(1e-12));
  }

  @Test
  void sidesMustPair() {
    assertThatThrownBy(
            () ->
                RatioTest.comparePaired("p50", new double[] {1, 2}, new double[] {1}, DELTA, ALPHA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("A has 2, B 1");
  }

  private static Comparison pairs(
      SplittableRandom random, int n, double factor, double delta, double alpha) {
    double[][] ab = rounds(random, n, factor);
    return RatioTest.comparePaired("p50", ab[0], ab[1], delta, alpha);
  }

  /** n rounds: A and B share the round's factor; B is {@code factor} times A in truth. */
  static double[][] rounds(SplittableRandom random, int n, double factor) {
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      double round = Math.exp(SHARED * random.nextGaussian());
      a[i] = 1000 * round * Math.exp(OWN * random.nextGaussian());
      b[i] = 1000 * factor * round * Math.exp(OWN * random.nextGaussian());
    }
    return new double[][] {a, b};
  }
}

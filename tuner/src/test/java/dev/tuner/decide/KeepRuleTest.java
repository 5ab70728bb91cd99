package dev.tuner.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KeepRuleTest {

  private static final int TRIALS = 2000;
  // The first criterion, whose parts these tests name one by one; the default's are tested in
  // KeepCriteriaSimulationTest and below.
  private static final DecisionRule RULE =
      DecisionRule.defaults().withCriterion(Criterion.BOTH_IMPROVED, 0.03);
  private static final KeepRule KEEP = new KeepRule(RULE);

  @Test
  void equalBuildsAreAlmostNeverKept() {
    for (Simulated noise : List.of(Simulated.TYPICAL, Simulated.WITH_OUTLIERS)) {
      double rate = keepRate(new SplittableRandom(11), noise, 10, 1.0, 1.0, RULE, TRIALS);
      System.out.printf(
          "KeepRule A/A false-keep, 10 forks, outliers %.2f: %.4f%n", noise.outlierRate(), rate);
      assertThat(rate).isLessThanOrEqualTo(RULE.alpha());
    }
  }

  @Test
  void withoutAThresholdTheFalseKeepRateStaysWithinAlpha() {
    // δ = 0: the null sits on the boundary, where the rule is at its most permissive.
    DecisionRule rule = RULE.withThreshold(0).withAlpha(0.05);
    double rate = keepRate(new SplittableRandom(12), Simulated.TYPICAL, 10, 1.0, 1.0, rule, TRIALS);
    System.out.printf("KeepRule A/A false-keep, delta 0, alpha 5%%: %.4f%n", rate);
    assertThat(rate).isLessThanOrEqualTo(0.05 + 3 * Math.sqrt(0.05 * 0.95 / TRIALS));
    // Not vacuous: p50 and p95 share the JVM noise, so both can reject together.
    assertThat(rate).isGreaterThan(0.005);
  }

  @Test
  void keepsFiveAndTenPercentWinsWithHighPower() {
    double five = keepRate(new SplittableRandom(13), Simulated.TYPICAL, 10, 0.95, 1.0, RULE, 1000);
    double ten = keepRate(new SplittableRandom(14), Simulated.TYPICAL, 10, 0.90, 1.0, RULE, 1000);
    double quiet = keepRate(new SplittableRandom(13), Simulated.QUIET, 10, 0.95, 1.0, RULE, 1000);
    System.out.printf(
        "KeepRule power, 10 forks: 5%% faster %.3f (quiet %.3f), 10%% faster %.3f%n",
        five, quiet, ten);
    assertThat(five).isGreaterThanOrEqualTo(0.8);
    assertThat(quiet).isGreaterThanOrEqualTo(0.97);
    assertThat(ten).isGreaterThanOrEqualTo(0.99);
  }

  @Test
  void neverKeepsASlowdown() {
    for (double factor : new double[] {1.005, 1.02, 1.05, 1.10}) {
      assertThat(
              keepRate(
                  new SplittableRandom(15), Simulated.WITH_OUTLIERS, 10, factor, 1.0, RULE, 500))
          .as("slowdown %s", factor)
          .isZero();
    }
  }

  @Test
  void aFasterBuildThatAllocatesMoreIsNotKept() {
    SplittableRandom random = new SplittableRandom(16);
    Assessment a =
        KEEP.assess(
            Simulated.TYPICAL.forks(random, 10, 1.0, 1000),
            Simulated.TYPICAL.forks(random, 10, 0.8, 1100));

    assertThat(a.p50().verdict()).isEqualTo(Verdict.IMPROVED);
    assertThat(a.p95().verdict()).isEqualTo(Verdict.IMPROVED);
    assertThat(a.alloc().verdict()).isEqualTo(Verdict.REGRESSED);
    assertThat(a.keep()).isFalse();
    assertThat(a.reason()).contains("allocation regressed");
  }

  @Test
  void allocationBelowTheFloorIsNoise() {
    // JMH reports fractions of a byte for code that allocates nothing, differing per fork.
    SplittableRandom random = new SplittableRandom(17);
    Assessment a =
        KEEP.assess(
            Simulated.TYPICAL.forks(random, 10, 1.0, 0.006),
            Simulated.TYPICAL.forks(random, 10, 0.8, 0.25));

    assertThat(a.alloc().verdict()).isEqualTo(Verdict.SAME);
    assertThat(a.keep()).isTrue();
    assertThat(a.reason())
        .isEqualTo("p50 and p95 improved beyond 1.00% and allocation did not grow");
  }

  @Test
  void aWinOnTheMedianAloneIsNotKept() {
    SplittableRandom random = new SplittableRandom(18);
    List<ForkSummary> a = Simulated.TYPICAL.forks(random, 10, 1.0, 0);
    List<ForkSummary> b =
        Simulated.TYPICAL.forks(random, 10, 0.8, 0).stream()
            .map(f -> scaleP95(f, 1.25)) // p95 back to where it was
            .toList();

    Assessment assessment = KEEP.assess(a, b);

    assertThat(assessment.p50().verdict()).isEqualTo(Verdict.IMPROVED);
    assertThat(assessment.p95().verdict()).isEqualTo(Verdict.SAME);
    assertThat(assessment.keep()).isFalse();
    assertThat(assessment.reason()).startsWith("p95 same");
  }

  @Test
  void withATailMarginAWinOnTheMedianIsKeptUnlessTheTailGetsWorse() {
    KeepRule tailNotWorse =
        new KeepRule(
            DecisionRule.defaults().withCriterion(Criterion.MEDIAN_IMPROVED_TAIL_NOT_WORSE, 0.03));
    SplittableRandom random = new SplittableRandom(18);
    List<ForkSummary> a = Simulated.TYPICAL.forks(random, 10, 1.0, 0);
    List<ForkSummary> same =
        Simulated.TYPICAL.forks(random, 10, 0.8, 0).stream().map(f -> scaleP95(f, 1.25)).toList();
    List<ForkSummary> worse =
        Simulated.TYPICAL.forks(random, 10, 0.8, 0).stream().map(f -> scaleP95(f, 1.5)).toList();

    Assessment kept = tailNotWorse.assess(a, same);
    Assessment refused = tailNotWorse.assess(a, worse);

    assertThat(kept.keep()).as(kept.reason()).isTrue();
    assertThat(kept.reason())
        .isEqualTo(
            "p50 improved beyond 1.00%, p95 not worse than 3.00% and allocation did not grow");
    assertThat(refused.keep()).isFalse();
    assertThat(refused.reason()).startsWith("p95 may be more than 3.00% slower");
  }

  @Test
  void aWinOnCpuTimeIsKeptOnlyIfTheWallClockGotNoWorse() {
    // CPU time misses work moved to other threads and waiting: 20 % less of it can come with a
    // slower wall clock.
    KeepRule rule = new KeepRule(DecisionRule.defaults());
    SplittableRandom random = new SplittableRandom(20);
    List<ForkSummary> a = Simulated.TYPICAL.forks(random, 10, 1.0, 0);
    List<ForkSummary> cpu = Simulated.TYPICAL.forks(random, 10, 0.8, 0);

    Assessment kept = rule.assess(a, cpu.stream().map(f -> withWall(f, 0.98 / 0.8)).toList());
    Assessment refused = rule.assess(a, cpu.stream().map(f -> withWall(f, 1.10 / 0.8)).toList());

    assertThat(kept.keep()).as(kept.reason()).isTrue();
    assertThat(refused.keep()).isFalse();
    assertThat(refused.p50().verdict()).isEqualTo(Verdict.IMPROVED);
    assertThat(refused.reason()).startsWith("the wall clock's p50 may be more than 3.00% slower");
  }

  @Test
  void reportsEachCaseBesideTheAggregate() {
    SplittableRandom random = new SplittableRandom(19);
    Assessment a =
        KEEP.assess(
            Simulated.TYPICAL.forks(random, 10, 1.0, 0),
            Simulated.TYPICAL.forks(random, 10, 0.9, 0));

    assertThat(a.perCase())
        .extracting(Comparison::metric)
        .containsExactlyInAnyOrder("p50:small", "p95:small", "p50:large", "p95:large");
    assertThat(a.p50().metric()).isEqualTo("p50");
    assertThat(a.p50().forksA()).isEqualTo(10);
    assertThat(a.p50().confidence()).isEqualTo(0.98, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void refusesForksOfDifferentCases() {
    List<ForkSummary> a = List.of(new ForkSummary(Map.of("x", new CaseFork(1, 2, 0))));
    List<ForkSummary> b = List.of(new ForkSummary(Map.of("y", new CaseFork(1, 2, 0))));

    assertThatThrownBy(() -> KEEP.assess(a, b))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different cases");
  }

  static double keepRate(
      SplittableRandom random,
      Simulated noise,
      int forks,
      double factor,
      double allocGrowth,
      DecisionRule rule,
      int trials) {
    KeepRule keep = new KeepRule(rule);
    int kept = 0;
    for (int t = 0; t < trials; t++) {
      kept +=
          keep.assess(
                      noise.forks(random, forks, 1.0, 500),
                      noise.forks(random, forks, factor, 500 * allocGrowth))
                  .keep()
              ? 1
              : 0;
    }
    return kept / (double) trials;
  }

  /** The fork as if read on CPU time, its wall clock's median {@code wallOverP50} times p50. */
  private static ForkSummary withWall(ForkSummary fork, double wallOverP50) {
    return eachCase(
        fork, c -> new CaseFork(c.p50(), c.p95(), c.allocBytesPerOp(), c.p50() * wallOverP50));
  }

  private static ForkSummary scaleP95(ForkSummary fork, double by) {
    return eachCase(fork, c -> new CaseFork(c.p50(), c.p95() * by, c.allocBytesPerOp()));
  }

  private static ForkSummary eachCase(ForkSummary fork, UnaryOperator<CaseFork> change) {
    return new ForkSummary(
        fork.cases().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> change.apply(e.getValue()))));
  }
}

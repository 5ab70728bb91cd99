package dev.tuner.decide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.measure.QuantileEstimator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The keep rule's criteria and the rounds' quantile estimators on seeded rounds whose truth is
 * known ({@link SimulatedRounds#EXAMPLE}: p50 tight, p95 noisy, as on the example), decided by the
 * interleaved design's sequential plan as it was when the criteria were chosen (looks at 9, 16, 24
 * rounds, α = 1 %, δ = 1 %), and by today's default plan (looks at 5, 9, 16, 40). Every variant
 * keeps the false-keep rate within α; reading p95 with Harrell–Davis and asking the tail only not
 * to get worse (margin 3 %) finds a 2 % win four times in five where the first rule almost never
 * does.
 */
class KeepCriteriaSimulationTest {

  static final List<Integer> LOOKS = List.of(9, 16, 24);

  /** The interleaved design's default looks since 2026-12-07: α spent mostly at the last. */
  static final List<Integer> DEFAULT_LOOKS = List.of(5, 9, 16, 40);

  @Test
  void theDefaultPlanKeepsEqualBuildsAtMostAtAlphaAndFindsATwoPercentWinFourTimesInFive() {
    DecisionRule rule = defaultRule();
    QuantileEstimator order = QuantileEstimator.ORDER_STATISTIC;
    // δ = 0, as above: α must hold by the tests alone. 600 trials: > 14 keeps has p < 0.5 %.
    assertThat(keeps(rule.withThreshold(0), order, 1.0, 600, 16)).isLessThanOrEqualTo(14);
    assertThat(keeps(rule, order, 1.02, 300, 17)).isZero();
    // The plan of 24 rounds found it in 300 seeded trials far less often (see the log line).
    int wins = keeps(rule, order, 0.98, 300, 18);
    int before = keeps(rule.withLooks(LOOKS), order, 0.98, 300, 18);
    System.out.printf(
        "2%% win kept: looks %s %d/300, looks %s %d/300%n", DEFAULT_LOOKS, wins, LOOKS, before);
    assertThat(wins).isGreaterThanOrEqualTo(240).isGreaterThan(before);
  }

  @Test
  void everyVariantKeepsEqualBuildsAtMostAtAlpha() {
    // δ = 0: the bound α must hold by the tests alone, without the margin δ gives.
    for (QuantileEstimator estimator : QuantileEstimator.values()) {
      for (Criterion criterion : Criterion.values()) {
        DecisionRule rule = rule(criterion, 0.03).withThreshold(0);
        int keeps = keeps(rule, estimator, 1.0, 600, 11);
        // 600 trials at a true rate of 1 %: more than 14 keeps has probability < 0.5 %.
        assertThat(keeps).as(estimator + " " + criterion).isLessThanOrEqualTo(14);
      }
    }
  }

  @Test
  void noVariantKeepsATwoPercentSlowdown() {
    for (QuantileEstimator estimator : QuantileEstimator.values()) {
      for (Criterion criterion : Criterion.values()) {
        assertThat(keeps(rule(criterion, 0.03), estimator, 1.02, 300, 12))
            .as(estimator + " " + criterion)
            .isZero();
      }
    }
  }

  @Test
  void aTwoPercentWinIsFoundWhenTheTailNeedOnlyNotGetWorse() {
    int first =
        keeps(
            rule(Criterion.BOTH_IMPROVED, 0.03), QuantileEstimator.ORDER_STATISTIC, 0.98, 300, 13);
    int smoothTail =
        keeps(rule(Criterion.BOTH_IMPROVED, 0.03), QuantileEstimator.HARRELL_DAVIS, 0.98, 300, 13);
    int tailNotWorse =
        keeps(
            rule(Criterion.MEDIAN_IMPROVED_TAIL_NOT_WORSE, 0.03),
            QuantileEstimator.HARRELL_DAVIS,
            0.98,
            300,
            13);
    assertThat(first).as("the first rule").isLessThan(30); // under 10 %
    assertThat(smoothTail).as("Harrell–Davis alone").isLessThan(30);
    assertThat(tailNotWorse).as("Harrell–Davis, tail not worse by 3 %").isGreaterThanOrEqualTo(240);
  }

  @Test
  void harrellDavisRaisesThePowerOfTheFirstRuleAtThreePercent() {
    DecisionRule both = rule(Criterion.BOTH_IMPROVED, 0.03);
    int order = keeps(both, QuantileEstimator.ORDER_STATISTIC, 0.97, 300, 14);
    int smooth = keeps(both, QuantileEstimator.HARRELL_DAVIS, 0.97, 300, 14);
    assertThat(smooth).isGreaterThan(order + 15);
  }

  @Test
  void aTailMarginOfOnePercentCostsMostOfThatPower() {
    int three =
        keeps(
            rule(Criterion.MEDIAN_IMPROVED_TAIL_NOT_WORSE, 0.03),
            QuantileEstimator.HARRELL_DAVIS,
            0.98,
            300,
            15);
    int one =
        keeps(
            rule(Criterion.MEDIAN_IMPROVED_TAIL_NOT_WORSE, 0.01),
            QuantileEstimator.HARRELL_DAVIS,
            0.98,
            300,
            15);
    assertThat(one).isLessThan(three / 2);
  }

  @Test
  void onTheMachineAsMeasuredDeltaIsWhatKeepsEqualBuildsFromBeingKept() {
    // The JVMs' own offsets break the rank test's assumption that rounds are exchangeable: without
    // δ it keeps equal builds well above α; δ = 1 % absorbs the offsets.
    DecisionRule rule = defaultRule();
    QuantileEstimator order = QuantileEstimator.ORDER_STATISTIC;
    int withoutDelta = keeps(SimulatedRounds.MACHINE, rule.withThreshold(0), order, 1.0, 600, 19);
    int withDelta = keeps(SimulatedRounds.MACHINE, rule, order, 1.0, 600, 19);
    System.out.printf(
        "machine A/A kept: delta 0 %d/600, delta 1%% %d/600%n", withoutDelta, withDelta);
    assertThat(withoutDelta).isGreaterThan(14);
    assertThat(withDelta)
        .isLessThanOrEqualTo(6); // a true rate of 1 % would exceed 6 in 600 with p > 0.9
  }

  @Test
  void onTheMachineAsMeasuredTheDefaultPlanFindsFivePercentWinsAndAboutHalfTheTwoPercentOnes() {
    // The JVMs' own offsets (0.47 % on a decision's mean) move a 2 % win to 1.5 % or 2.5 % as often
    // as not, and δ with the test's margin asks about 1.7 %: about half are kept (161 of these 300;
    // the real decisions of 2026-12-07 kept 4 of 8). Without the offsets, 292 of 300 (above).
    DecisionRule rule = defaultRule();
    QuantileEstimator order = QuantileEstimator.ORDER_STATISTIC;
    int two = keeps(SimulatedRounds.MACHINE, rule, order, 0.98, 300, 20);
    int five = keeps(SimulatedRounds.MACHINE, rule, order, 0.95, 300, 21);
    int slower = keeps(SimulatedRounds.MACHINE, rule, order, 1.02, 300, 22);
    System.out.printf("machine kept: -2%% %d/300, -5%% %d/300, +2%% %d/300%n", two, five, slower);
    assertThat(five).isGreaterThanOrEqualTo(297);
    assertThat(two).isGreaterThanOrEqualTo(135);
    assertThat(slower).isZero();
  }

  @Test
  void onTheMachineAsMeasuredNewJvmsForTheCloseCallsFindMoreTwoPercentWinsAndKeepNoEqualBuilds() {
    // The rounds after 16 from two new JVMs: the last look's estimate averages four JVMs' offsets,
    // not two. The same seeds as above: the two plans see the same noise up to round 16.
    DecisionRule rule = defaultRule();
    QuantileEstimator order = QuantileEstimator.ORDER_STATISTIC;
    int twoJvms = keeps(SimulatedRounds.MACHINE, rule, order, 0.98, 300, 20);
    int fourJvms = keeps(SimulatedRounds.MACHINE, rule, order, 0.98, 300, 20, 16);
    int equal = keeps(SimulatedRounds.MACHINE, rule, order, 1.0, 600, 19, 16);
    int slower = keeps(SimulatedRounds.MACHINE, rule, order, 1.02, 300, 22, 16);
    System.out.printf(
        "machine, new JVMs after 16: -2%% %d/300 (two JVMs %d/300), A/A %d/600, +2%% %d/300%n",
        fourJvms, twoJvms, equal, slower);
    assertThat(fourJvms).isGreaterThan(twoJvms + 15);
    assertThat(equal).isLessThanOrEqualTo(6);
    assertThat(slower).isZero();
  }

  private static DecisionRule defaultRule() {
    return DecisionRule.defaults()
        .withLooks(DEFAULT_LOOKS)
        .withCriterion(Criterion.MEDIAN_IMPROVED_TAIL_NOT_WORSE, 0.03);
  }

  private static DecisionRule rule(Criterion criterion, double margin) {
    return DecisionRule.defaults().withLooks(LOOKS).withCriterion(criterion, margin);
  }

  /** Of {@code trials} seeded comparisons of B = A × factor, how many the plan keeps. */
  private static int keeps(
      DecisionRule rule, QuantileEstimator estimator, double factor, int trials, long seed) {
    return keeps(SimulatedRounds.EXAMPLE, rule, estimator, factor, trials, seed);
  }

  private static int keeps(
      SimulatedRounds model,
      DecisionRule rule,
      QuantileEstimator estimator,
      double factor,
      int trials,
      long seed) {
    return keeps(model, rule, estimator, factor, trials, seed, 0);
  }

  /** As above, the rounds after {@code newJvmsAfter} from two new JVMs (0: none). */
  private static int keeps(
      SimulatedRounds model,
      DecisionRule rule,
      QuantileEstimator estimator,
      double factor,
      int trials,
      long seed,
      int newJvmsAfter) {
    SequentialPlan plan = new SequentialPlan(rule, Pairing.PAIRED);
    SplittableRandom random = new SplittableRandom(seed);
    int keeps = 0;
    for (int t = 0; t < trials; t++) {
      SimulatedRounds.Sides s =
          model.rounds(
              random, rule.looks().get(rule.looks().size() - 1), factor, estimator, newJvmsAfter);
      SequentialPlan.Step step = plan.decide(s.a(), s.b()).orElseThrow(); // the last look decides
      keeps += step.action() == SequentialPlan.Action.KEEP ? 1 : 0;
    }
    return keeps;
  }
}

package dev.tuner.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tuner.decide.SequentialPlan.Action;
import dev.tuner.decide.SequentialPlan.Step;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SequentialPlanTest {

  private static final DecisionRule RULE = DecisionRule.defaults();
  private static final SequentialPlan PLAN = new SequentialPlan(RULE);

  @Test
  void spendsAlphaInProportionToTheForksEachLookAdds() {
    // Looks 3, 6, 10 add 3, 3 and 4 forks. 3 vs 3 forks cannot go below p = 1/20, so the first
    // look's share moves on to the second; 6 vs 6 reach 1/924.
    assertThat(PLAN.alphaPerLook())
        .satisfiesExactly(
            a -> assertThat(a).isZero(),
            a -> assertThat(a).isCloseTo(0.006, within(1e-12)),
            a -> assertThat(a).isCloseTo(0.004, within(1e-12)));
    assertThat(new SequentialPlan(RULE.withAlpha(0.18)).alphaPerLook())
        .satisfiesExactly(
            a -> assertThat(a).isCloseTo(0.054, within(1e-12)),
            a -> assertThat(a).isCloseTo(0.054, within(1e-12)),
            a -> assertThat(a).isCloseTo(0.072, within(1e-12)));
    assertThatThrownBy(() -> new SequentialPlan(RULE.withLooks(List.of(3))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no look in [3]");
  }

  @Test
  void pairedRoundsNeedEightPerLookToSpendAlpha() {
    // n pairs give p = 2^-n at best: 9 rounds reach 1/512 ≤ 1% · 9/40, 3 and 6 rounds cannot.
    assertThat(
            new SequentialPlan(RULE.withLooks(List.of(9, 16, 40)), Pairing.PAIRED).alphaPerLook())
        .satisfiesExactly(
            a -> assertThat(a).isCloseTo(0.00225, within(1e-12)),
            a -> assertThat(a).isCloseTo(0.00175, within(1e-12)),
            a -> assertThat(a).isCloseTo(0.006, within(1e-12)));
    assertThat(new SequentialPlan(RULE.withLooks(List.of(3, 6, 10)), Pairing.PAIRED).alphaPerLook())
        .containsExactly(0.0, 0.0, RULE.alpha());
    assertThatThrownBy(() -> new SequentialPlan(RULE.withLooks(List.of(3, 6)), Pairing.PAIRED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no look in [3, 6]");
  }

  @Test
  void asksForTheFirstLookBeforeItIsReached() {
    List<ForkSummary> two = Simulated.TYPICAL.forks(new SplittableRandom(20), 2, 1.0, 0);

    Step step = PLAN.next(two, two);

    assertThat(step.action()).isEqualTo(Action.CONTINUE);
    assertThat(step.nextLook()).isEqualTo(3);
    assertThat(step.evidence()).isEmpty();
  }

  @Test
  void aLookReadsOnlyItsOwnForks() {
    SplittableRandom random = new SplittableRandom(21);
    List<ForkSummary> a = Simulated.TYPICAL.forks(random, 8, 1.0, 0);
    List<ForkSummary> b = Simulated.TYPICAL.forks(random, 8, 0.99, 0);

    Step atSix = PLAN.next(a.subList(0, 6), b.subList(0, 6));
    Step atEight = PLAN.next(a, b.subList(0, 7));

    assertThat(atEight).isEqualTo(atSix);
    assertThat(atSix.look()).isEqualTo(6);
    assertThat(atSix.alpha()).isCloseTo(0.006, within(1e-12));
  }

  @Test
  void aFutilityStopSaysWhyRatherThanGivingAnUnboundedInterval() {
    // The first look spends no α, so its intervals are unbounded: the reason is the estimate.
    SplittableRandom random = new SplittableRandom(25);
    List<ForkSummary> a = Simulated.TYPICAL.forks(random, 3, 1.0, 0);
    List<ForkSummary> b = Simulated.TYPICAL.forks(random, 3, 1.05, 0);

    Step step = PLAN.next(a, b);

    assertThat(step.action()).isEqualTo(Action.DISCARD);
    assertThat(step.alpha()).isZero();
    assertThat(step.evidence().orElseThrow().reason())
        .matches("futility: p50 B/A 1\\.0\\d{3} is not 0\\.500% faster");
  }

  @Test
  void stopsEarlyForABigWin() {
    Outcomes o = run(new SplittableRandom(22), Simulated.TYPICAL, 0.85, 1000);
    System.out.printf("Plan, 15%% faster: %s%n", o);
    assertThat(o.keptAt(3)).isZero();
    assertThat(o.keptAt(6)).isGreaterThanOrEqualTo(0.9);
    assertThat(o.kept()).isGreaterThanOrEqualTo(0.99);
  }

  @Test
  void stopsAtTheFirstLookForAClearLoss() {
    Outcomes o = run(new SplittableRandom(23), Simulated.TYPICAL, 1.10, 1000);
    System.out.printf("Plan, 10%% slower: %s%n", o);
    assertThat(o.discardedAt(3)).isGreaterThanOrEqualTo(0.99);
    assertThat(o.kept()).isZero();
  }

  @Test
  void equalBuildsAreAlmostNeverKept() {
    for (Simulated noise : List.of(Simulated.TYPICAL, Simulated.WITH_OUTLIERS)) {
      Outcomes o = run(new SplittableRandom(24), noise, 1.0, 2000);
      System.out.printf("Plan, A/A, outliers %.2f: %s%n", noise.outlierRate(), o);
      assertThat(o.kept()).isLessThanOrEqualTo(RULE.alpha());
    }
  }

  @Test
  void withoutAThresholdTheFalseKeepRateStaysWithinAlpha() {
    // δ = 0 and no futility: the plan at its most permissive, so the α split itself is what holds.
    SequentialPlan plan =
        new SequentialPlan(
            RULE.withThreshold(0).withAlpha(0.05).withFutilityRatio(Double.MAX_VALUE));
    Outcomes o = run(plan, new SplittableRandom(25), Simulated.TYPICAL, 1.0, 2000);
    System.out.printf("Plan, A/A, delta 0, alpha 5%%, no futility: %s%n", o);
    assertThat(o.kept()).isLessThanOrEqualTo(0.05 + 3 * Math.sqrt(0.05 * 0.95 / 2000));
  }

  @Test
  void detectsAFivePercentWinAndNeverKeepsASlowdown() {
    Outcomes win = run(new SplittableRandom(26), Simulated.TYPICAL, 0.95, 1000);
    Outcomes quiet = run(new SplittableRandom(27), Simulated.QUIET, 0.95, 1000);
    Outcomes slower = run(new SplittableRandom(28), Simulated.WITH_OUTLIERS, 1.02, 1000);
    System.out.printf(
        "Plan, 5%% faster: %s%nPlan, 5%% faster, quiet: %s%nPlan, 2%% slower: %s%n",
        win, quiet, slower);
    assertThat(win.kept()).isGreaterThanOrEqualTo(0.7);
    assertThat(quiet.kept()).isGreaterThanOrEqualTo(0.95);
    assertThat(slower.kept()).isZero();
  }

  @Test
  void decidesAtTheLastLook() {
    SplittableRandom random = new SplittableRandom(29);
    Step step =
        PLAN.next(
            Simulated.TYPICAL.forks(random, 12, 1.0, 0),
            Simulated.TYPICAL.forks(random, 12, 0.999, 0));

    assertThat(step.look()).isEqualTo(10);
    assertThat(step.action()).isNotEqualTo(Action.CONTINUE);
    assertThat(step.nextLook()).isZero();
    assertThat(step.evidence().orElseThrow().p50().confidence())
        .isCloseTo(1 - 2 * 0.004, within(1e-12));
  }

  /** How a batch of simulated experiments ended: fractions by action and look. */
  record Outcomes(int trials, int[][] counts, double meanForks) {

    double keptAt(int look) {
      return counts[Action.KEEP.ordinal()][look] / (double) trials;
    }

    double discardedAt(int look) {
      return counts[Action.DISCARD.ordinal()][look] / (double) trials;
    }

    double kept() {
      return java.util.Arrays.stream(counts[Action.KEEP.ordinal()]).sum() / (double) trials;
    }

    @Override
    public String toString() {
      return String.format(
          "kept %.4f (at 6: %.3f, at 10: %.3f), discarded at 3: %.3f, at 6: %.3f,"
              + " at 10: %.3f, mean forks per side %.2f",
          kept(),
          keptAt(6),
          keptAt(10),
          discardedAt(3),
          discardedAt(6),
          discardedAt(10),
          meanForks);
    }
  }

  private static Outcomes run(SplittableRandom random, Simulated noise, double factor, int trials) {
    return run(PLAN, random, noise, factor, trials);
  }

  /** Runs each experiment as the loop would: more forks only when the plan asks for them. */
  private static Outcomes run(
      SequentialPlan plan, SplittableRandom random, Simulated noise, double factor, int trials) {
    int[][] counts = new int[Action.values().length][11];
    long forks = 0;
    for (int t = 0; t < trials; t++) {
      List<ForkSummary> a = noise.forks(random, 10, 1.0, 0);
      List<ForkSummary> b = noise.forks(random, 10, factor, 0);
      Step step = plan.next(List.of(), List.of());
      while (step.action() == Action.CONTINUE) {
        int n = step.nextLook();
        step = plan.next(a.subList(0, n), b.subList(0, n));
      }
      counts[step.action().ordinal()][step.look()]++;
      forks += step.look();
    }
    return new Outcomes(trials, counts, forks / (double) trials);
  }
}

package dev.tuner.harness.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.harness.runner.WarmupRule.Mode;
import dev.tuner.harness.runner.WarmupRule.Verdict;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The warm-up rule on synthetic JVMs with a known answer: round times that fall like a JIT's
 * (exponentially towards a floor, with noise) and compile time that fades with them.
 */
class WarmupRuleTest {

  /**
   * A JVM whose round time falls from {@code cold} to 1 s with time constant {@code tau} rounds,
   * with ±{@code noise} multiplicative jitter, compiling a share of each round that fades the same
   * way.
   */
  private record SyntheticJvm(
      double cold, double tau, double noise, double compileShare, long seed) {

    /** Rounds the rule takes to say anything but WARMING, and what it says. */
    Result warmUp(WarmupRule rule) {
      Random random = new Random(seed);
      double elapsed = 0;
      for (int round = 0; ; round++) {
        double fade = Math.exp(-round / tau);
        double seconds = (1 + (cold - 1) * fade) * (1 + noise * (2 * random.nextDouble() - 1));
        elapsed += seconds;
        Verdict v = rule.after(seconds, seconds * compileShare * fade, elapsed);
        if (v != Verdict.WARMING) {
          return new Result(v, round + 1, elapsed, 1 + (cold - 1) * fade);
        }
      }
    }
  }

  /** How warm-up ended; {@code speedLeft}: the last round's expected time over the floor's. */
  private record Result(Verdict verdict, int rounds, double seconds, double speedLeft) {}

  @Test
  void aJvmThatSettlesIsWarmWhenItsRoundsStopFallingAndTheJitIsQuiet() {
    // Rounds falling from 5 s to 1 s (time constant 4 rounds, ±0.5% jitter), half of each round
    // compiling at first: over many seeds it stops once rounds are within 5% of the floor, and
    // well before the cap.
    for (long seed = 0; seed < 200; seed++) {
      Result r =
          new SyntheticJvm(5, 4, 0.005, 0.5, seed).warmUp(new WarmupRule(Mode.STEADY, 5, 600));
      assertThat(r.verdict()).as("seed %d", seed).isEqualTo(Verdict.STEADY);
      assertThat(r.speedLeft()).as("seed %d", seed).isLessThan(1.05);
      assertThat(r.seconds()).as("seed %d", seed).isLessThan(60);
    }
  }

  @Test
  void aJitStillCompilingKeepsItWarmingUntilTheCap() {
    // Flat rounds, but 10% of every round spent compiling: not warm.
    WarmupRule rule = new WarmupRule(Mode.STEADY, 5, 30);
    Verdict v = Verdict.WARMING;
    double elapsed = 0;
    while (v == Verdict.WARMING) {
      elapsed += 1;
      v = rule.after(1, 0.1, elapsed);
    }
    assertThat(v).isEqualTo(Verdict.CAPPED);
    assertThat(elapsed).isEqualTo(30);
  }

  @Test
  void roundsStillFallingKeepItWarming() {
    // Each round 3% faster than the one before, the JIT silent: not warm.
    WarmupRule rule = new WarmupRule(Mode.STEADY, 0, 40);
    double elapsed = 0;
    double seconds = 2;
    Verdict v = Verdict.WARMING;
    while (v == Verdict.WARMING) {
      elapsed += seconds;
      v = rule.after(seconds, 0, elapsed);
      seconds *= 0.97;
    }
    assertThat(v).isEqualTo(Verdict.CAPPED);
  }

  @Test
  void itNeverEndsBeforeTheMinimumNorBeforeAWholeWindow() {
    WarmupRule rule = new WarmupRule(Mode.STEADY, 5, 60);
    assertThat(rule.after(1, 0, 1)).isEqualTo(Verdict.WARMING);
    assertThat(rule.after(1, 0, 2)).isEqualTo(Verdict.WARMING);
    assertThat(rule.after(1, 0, 3)).isEqualTo(Verdict.WARMING);
    assertThat(rule.after(1, 0, 4)).isEqualTo(Verdict.WARMING);
    assertThat(rule.after(1, 0, 5)).isEqualTo(Verdict.WARMING); // five rounds, not yet a window
    assertThat(rule.after(1, 0, 6)).isEqualTo(Verdict.STEADY);

    WarmupRule late = new WarmupRule(Mode.STEADY, 7.5, 60);
    for (int s = 1; s <= 7; s++) {
      assertThat(late.after(1, 0, s)).isEqualTo(Verdict.WARMING); // a window, but before 7.5 s
    }
    assertThat(late.after(1, 0, 8)).isEqualTo(Verdict.STEADY);
  }

  @Test
  void fixedWarmupRunsToItsCapWhateverTheRoundsSay() {
    WarmupRule rule = new WarmupRule(Mode.FIXED, 5, 20);
    for (int s = 1; s < 20; s++) {
      assertThat(rule.after(1, 0, s)).isEqualTo(Verdict.WARMING);
    }
    assertThat(rule.after(1, 0, 20)).isEqualTo(Verdict.CAPPED);
  }

  @Test
  void aZeroCapMeansNoWarmupAtAll() {
    assertThat(new WarmupRule(Mode.STEADY, 5, 0).done(0)).isTrue();
    assertThat(new WarmupRule(Mode.STEADY, 5, 60).done(0)).isFalse();
  }

  @Test
  void aModeIsSteadyOrFixed() {
    assertThat(Mode.parse("steady")).isEqualTo(Mode.STEADY);
    assertThat(Mode.parse("fixed")).isEqualTo(Mode.FIXED);
    assertThatThrownBy(() -> Mode.parse("warm"))
        .hasMessage("warm-up must be steady or fixed, not 'warm'");
  }
}

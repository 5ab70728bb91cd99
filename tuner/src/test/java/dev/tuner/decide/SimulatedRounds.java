package dev.tuner.decide;

import dev.tuner.measure.QuantileEstimator;
import dev.tuner.measure.Quantiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Rounds of the in-JVM design whose truth is known, down to each operation: two cases, {@code ops}
 * operations per case and side in a round, log-normal per-operation noise wide enough that p95 is
 * about twice p50 (as on the example), a machine factor shared by both sides of a round (what the
 * pairing cancels) and a small one of each side's own. B's operations take {@code factor} times
 * A's.
 *
 * <p>Rounds alternate between the design's two JVMs, as measured on this project's machine
 * (calibrate-cpu-2026-12-07.md): each JVM reads B/A off by an offset of its own, drawn once per
 * decision ({@code jvmSigma}), which no number of rounds averages away; and in each JVM the build
 * loaded second reads {@code roleEffect} slower, B in the first JVM and A in the second, so the
 * design cancels it in the mean but it widens the rounds' spread. With {@code newJvmsAfter}, the
 * rounds after that many come from two new JVMs with offsets of their own, as the comparison does.
 */
record SimulatedRounds(
    double opSigma,
    double pauseRate,
    double pauseMax,
    double roundSigma,
    double sideSigma,
    int ops,
    double jvmSigma,
    double roleEffect) {

  /** Like the example's tune cases at 40 operations a round, without the JVMs' own offsets. */
  static final SimulatedRounds EXAMPLE =
      new SimulatedRounds(0.05, 0.15, 0.4, 0.03, 0.004, 40, 0, 0);

  /**
   * Like the machine as measured on 2026-12-07 (20 operations a round; CPU clock, quiet): a JVM's
   * own offset of 0.66 % (the mean of two spreads by 0.47 %, as the real A/A decisions' means did
   * beyond what their rounds explain) and a role effect of 0.5 %.
   */
  static final SimulatedRounds MACHINE =
      new SimulatedRounds(0.05, 0.15, 0.4, 0.03, 0.004, 20, 0.0066, 0.005);

  private static final Map<String, Double> BASE_NANOS =
      Map.of("small", 40_000_000.0, "large", 60_000_000.0);

  /** Both sides' rounds. */
  record Sides(List<ForkSummary> a, List<ForkSummary> b) {}

  Sides rounds(
      SplittableRandom random,
      int n,
      double factor,
      QuantileEstimator estimator,
      int newJvmsAfter) {
    List<ForkSummary> a = new ArrayList<>();
    List<ForkSummary> b = new ArrayList<>();
    double[] jvmFactor = jvms(random);
    for (int r = 0; r < n; r++) {
      if (r > 0 && r == newJvmsAfter) {
        jvmFactor = jvms(random);
      }
      double machine = Math.exp(roundSigma * random.nextGaussian());
      double bFactor = factor * jvmFactor[r % 2];
      Map<String, CaseFork> ca = new LinkedHashMap<>();
      Map<String, CaseFork> cb = new LinkedHashMap<>();
      for (Map.Entry<String, Double> c : BASE_NANOS.entrySet()) {
        ca.put(c.getKey(), side(random, c.getValue() * machine, estimator));
        cb.put(c.getKey(), side(random, c.getValue() * machine * bFactor, estimator));
      }
      a.add(new ForkSummary(ca));
      b.add(new ForkSummary(cb));
    }
    return new Sides(a, b);
  }

  /** B/A's factor in each JVM of a pair: its own offset, and the role effect. */
  private double[] jvms(SplittableRandom random) {
    return new double[] {
      Math.exp(jvmSigma * random.nextGaussian() + roleEffect),
      Math.exp(jvmSigma * random.nextGaussian() - roleEffect)
    };
  }

  private CaseFork side(SplittableRandom random, double median, QuantileEstimator estimator) {
    double own = Math.exp(sideSigma * random.nextGaussian());
    double[] v = new double[ops];
    for (int i = 0; i < ops; i++) {
      double pause = random.nextDouble() < pauseRate ? random.nextDouble() * pauseMax : 0;
      v[i] = median * own * (Math.exp(opSigma * random.nextGaussian()) + pause);
    }
    Quantiles q = estimator.quantiles(v);
    return new CaseFork(q.p50(), q.p95(), 1000);
  }
}

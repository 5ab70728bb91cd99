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
 */
record SimulatedRounds(
    double opSigma,
    double pauseRate,
    double pauseMax,
    double roundSigma,
    double sideSigma,
    int ops) {

  /** Like the example's tune cases on this project's machine. */
  static final SimulatedRounds EXAMPLE = new SimulatedRounds(0.05, 0.15, 0.4, 0.03, 0.004, 40);

  private static final Map<String, Double> BASE_NANOS =
      Map.of("small", 40_000_000.0, "large", 60_000_000.0);

  /** Both sides' rounds. */
  record Sides(List<ForkSummary> a, List<ForkSummary> b) {}

  Sides rounds(SplittableRandom random, int n, double factor, QuantileEstimator estimator) {
    List<ForkSummary> a = new ArrayList<>();
    List<ForkSummary> b = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      double machine = Math.exp(roundSigma * random.nextGaussian());
      Map<String, CaseFork> ca = new LinkedHashMap<>();
      Map<String, CaseFork> cb = new LinkedHashMap<>();
      for (Map.Entry<String, Double> c : BASE_NANOS.entrySet()) {
        ca.put(c.getKey(), side(random, c.getValue() * machine, estimator));
        cb.put(c.getKey(), side(random, c.getValue() * machine * factor, estimator));
      }
      a.add(new ForkSummary(ca));
      b.add(new ForkSummary(cb));
    }
    return new Sides(a, b);
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

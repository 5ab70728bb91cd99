package dev.tuner.decide;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic forks whose truth is known: two cases, latency multiplied by {@code factor} on the
 * candidate's side, log-normal noise with a JVM-level part shared by a fork's p50 and p95.
 *
 * <p>Noise: per-fork standard deviation of log p50 ≈ 1.8% and of log p95 ≈ 3.4%, the "±1–2%" the
 * design measured for interleaved runs, and wider in the tail.
 */
record Simulated(double jvmSigma, double p50Sigma, double p95Sigma, double outlierRate) {

  static final Simulated TYPICAL = new Simulated(0.015, 0.01, 0.03, 0);

  /** Both builds interleaved in one JVM: per-fork log sd ≈ 1.1% (p50), 1.8% (p95). */
  static final Simulated QUIET = new Simulated(0.01, 0.005, 0.015, 0);

  /** Like {@link #TYPICAL}, and one fork in ten hits a bad JIT outcome, 15% slower. */
  static final Simulated WITH_OUTLIERS = new Simulated(0.015, 0.01, 0.03, 0.10);

  private static final Map<String, Double> BASE_NANOS = Map.of("small", 1_000.0, "large", 5_000.0);

  List<ForkSummary> forks(SplittableRandom random, int n, double factor, double allocBytes) {
    List<ForkSummary> forks = new ArrayList<>();
    for (int f = 0; f < n; f++) {
      Map<String, CaseFork> cases = new LinkedHashMap<>();
      for (Map.Entry<String, Double> c : BASE_NANOS.entrySet()) {
        double jvm =
            Math.exp(jvmSigma * random.nextGaussian())
                * (random.nextDouble() < outlierRate ? 1.15 : 1);
        double p50 = c.getValue() * factor * jvm * Math.exp(p50Sigma * random.nextGaussian());
        double p95 = 3 * c.getValue() * factor * jvm * Math.exp(p95Sigma * random.nextGaussian());
        cases.put(c.getKey(), new CaseFork(p50, p95, allocBytes));
      }
      forks.add(new ForkSummary(cases));
    }
    return forks;
  }

  /** n log-normal values around {@code median} with log standard deviation sigma. */
  static double[] values(SplittableRandom random, int n, double median, double sigma) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = median * Math.exp(sigma * random.nextGaussian());
    }
    return v;
  }
}

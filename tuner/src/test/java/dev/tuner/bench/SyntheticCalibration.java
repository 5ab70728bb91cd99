package dev.tuner.bench;

import dev.tuner.decide.CaseFork;
import dev.tuner.decide.DecisionRule;
import dev.tuner.decide.ForkSummary;
import dev.tuner.measure.Clock;
import dev.tuner.measure.QuantileEstimator;
import dev.tuner.spec.BenchmarkSpec.Design;
import dev.tuner.spec.BenchmarkSpec.Warmup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Calibrations of synthetic rounds whose truth is known, for tests of the analysis and of what
 * calibrate prints; no JVM is started.
 */
public final class SyntheticCalibration {

  private SyntheticCalibration() {}

  static final CompareSettings COMPARE =
      new CompareSettings(
          Design.INTERLEAVED,
          DecisionRule.defaults().withLooks(List.of(9, 16, 24)),
          true,
          List.of("small", "large"),
          List.of(),
          "in-process",
          0,
          Warmup.STEADY,
          10,
          QuantileEstimator.ORDER_STATISTIC,
          Clock.WALL,
          16,
          null,
          Path.of("unused"));

  /** A calibration of a 10% knob change, seed 7, without the fork reference. */
  static Calibration calibration(int aaRuns, int repeat, int splits) {
    return new Calibration(settings(aaRuns, repeat, splits));
  }

  static Calibration.Settings settings(int aaRuns, int repeat, int splits) {
    return new Calibration.Settings(
        COMPARE,
        aaRuns,
        List.of(10),
        repeat,
        splits,
        7,
        "tuning.properties",
        "calibration.extraWorkPercent",
        0.9,
        0.05,
        Path.of("unused"),
        false,
        false);
  }

  /** 24 rounds of 10 s each after 30 s of warm-up; B is {@code factor} times A plus noise. */
  static List<Replicate> rounds(SplittableRandom random, double factor) {
    List<Replicate> rounds = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      double shared = Math.exp(0.05 * random.nextGaussian());
      rounds.add(
          new Replicate(
              i + 1,
              30 + 10 * (i + 1),
              side(random, shared, 1.0),
              side(random, shared, factor),
              Map.of(),
              Map.of()));
    }
    return rounds;
  }

  private static ForkSummary side(SplittableRandom random, double shared, double factor) {
    return new ForkSummary(
        Map.of(
            "small", fork(random, 1_000_000 * shared * factor),
            "large", fork(random, 5_000_000 * shared * factor)));
  }

  private static CaseFork fork(SplittableRandom random, double median) {
    double p50 = median * Math.exp(0.005 * random.nextGaussian());
    return new CaseFork(p50, 1.3 * p50 * Math.exp(0.01 * random.nextGaussian()), 1000);
  }

  /** Three A/A runs, a 10 % slowdown and a 10 % speedup, decided and analysed. */
  public static Calibration.Settings settings() {
    return settings(3, 1, 200);
  }

  /**
   * 24 rounds like {@link #rounds}, each keeping its 40 operations a case and side, wall and CPU
   * time (log-normal, σ = 5 %), their quantiles read as the order statistic on the wall clock.
   */
  static List<Replicate> roundsWithOperations(SplittableRandom random, double factor) {
    List<Replicate> rounds = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      double shared = Math.exp(0.05 * random.nextGaussian());
      Map<String, double[]> a = new TreeMap<>();
      Map<String, double[]> b = new TreeMap<>();
      Map<String, double[]> cpuA = new TreeMap<>();
      Map<String, double[]> cpuB = new TreeMap<>();
      for (Map.Entry<String, Double> c : Map.of("small", 1e6, "large", 5e6).entrySet()) {
        a.put(c.getKey(), operations(random, c.getValue() * shared));
        b.put(c.getKey(), operations(random, c.getValue() * shared * factor));
        // The CPU clock: most of the wall time, without the machine's share.
        cpuA.put(c.getKey(), operations(random, 0.9 * c.getValue()));
        cpuB.put(c.getKey(), operations(random, 0.9 * c.getValue() * factor));
      }
      rounds.add(
          new Replicate(
              i + 1,
              30 + 10 * (i + 1),
              read(a),
              read(b),
              Map.of(),
              Map.of(),
              new Replicate.Samples(a, b, cpuA, cpuB)));
    }
    return rounds;
  }

  private static double[] operations(SplittableRandom random, double median) {
    double[] v = new double[40];
    for (int i = 0; i < v.length; i++) {
      v[i] = median * Math.exp(0.05 * random.nextGaussian());
    }
    return v;
  }

  private static ForkSummary read(Map<String, double[]> operations) {
    Map<String, CaseFork> cases = new TreeMap<>();
    operations.forEach(
        (id, v) -> {
          var q = QuantileEstimator.ORDER_STATISTIC.quantiles(v);
          cases.put(id, new CaseFork(q.p50(), q.p95(), 1000));
        });
    return new ForkSummary(cases);
  }

  /** The report of {@link #settings()}'s runs, seed 3. */
  public static Calibration.Report report() {
    return report(200);
  }

  /**
   * Three A/A runs, a 10 % slowdown and a 10 % speedup (seed 3), resampled {@code splits} times.
   */
  static Calibration.Report report(int splits) {
    Calibration calibration = calibration(3, 1, splits);
    SplittableRandom random = new SplittableRandom(3);
    List<Calibration.Run> runs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      runs.add(calibration.decide(new Calibration.Scenario("A/A", 0, 0), rounds(random, 1.0)));
    }
    runs.add(calibration.decide(new Calibration.Scenario("+10%", 0, 10), rounds(random, 1.10)));
    runs.add(calibration.decide(new Calibration.Scenario("-10%", 10, 0), rounds(random, 1 / 1.10)));
    return calibration.report(runs, 50);
  }
}

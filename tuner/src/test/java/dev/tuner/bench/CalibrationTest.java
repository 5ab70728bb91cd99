package dev.tuner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.decide.CaseFork;
import dev.tuner.decide.DecisionRule;
import dev.tuner.decide.ForkSummary;
import dev.tuner.spec.BenchmarkSpec.Design;
import dev.tuner.spec.BenchmarkSpec.Warmup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calibration's bookkeeping on synthetic rounds whose truth is known; no JVM is started. */
class CalibrationTest {

  private static final CompareSettings COMPARE =
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
          null,
          Path.of("unused"));

  @Test
  void reportsFalseKeepsPowerAndTimePerDecisionSideBySide() {
    Calibration calibration = calibration(3, 1, 1000);
    SplittableRandom random = new SplittableRandom(3);
    List<Calibration.Run> runs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      runs.add(calibration.decide(new Calibration.Scenario("A/A", 0, 0), rounds(random, 1.0)));
    }
    runs.add(calibration.decide(new Calibration.Scenario("+10%", 0, 10), rounds(random, 1.10)));
    runs.add(calibration.decide(new Calibration.Scenario("-10%", 10, 0), rounds(random, 1 / 1.10)));

    Calibration.Report report = calibration.report(runs, 50);

    Calibration.Row aa = report.rows().get(0);
    Calibration.Row slower = report.rows().get(1);
    Calibration.Row faster = report.rows().get(2);
    assertThat(aa.runs()).isEqualTo(3);
    assertThat(aa.keepRateSequential()).isLessThanOrEqualTo(0.01);
    assertThat(aa.keepRateFixed()).isLessThanOrEqualTo(0.01);
    assertThat(slower.keepRateSequential()).isZero();
    assertThat(slower.p50Effect()).isBetween(1.08, 1.12);
    assertThat(faster.keepRateSequential()).isGreaterThanOrEqualTo(0.9);
    assertThat(faster.keepRateFixed()).isGreaterThanOrEqualTo(0.9);
    // A clear win stops at the first look, 9 of 24 rounds: well under half the fixed design's time.
    assertThat(faster.medianSecondsSequential()).isLessThan(faster.medianSecondsFixed() / 2);
    assertThat(report.fixedForksSeconds(10)).isEqualTo(500);
    assertThat(report.medianSequentialSeconds()).isLessThan(report.fixedForksSeconds(10) / 2);
    assertThat(slower.meanLookSequential()).isEqualTo(9);
    assertThat(report.grid())
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.falseKeep()).isLessThanOrEqualTo(0.01));
    assertThat(report.recommendation()).contains("rounds per side", "-10%");
  }

  @Test
  void realDecisionsAreCountedWithTheirExactIntervalAndDrawnAsAPowerCurve(@TempDir Path dir)
      throws Exception {
    Calibration calibration = calibration(20, 20, 200);
    SplittableRandom random = new SplittableRandom(11);
    List<Calibration.Run> runs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      runs.add(calibration.decide(new Calibration.Scenario("A/A", 0, 0), rounds(random, 1.0)));
      runs.add(
          calibration.decide(new Calibration.Scenario("-10%", 10, 0), rounds(random, 1 / 1.10)));
    }

    Calibration.Report report = calibration.report(runs, Double.NaN);

    Calibration.Row aa = report.rows().get(0);
    Calibration.Row faster = report.rows().get(1);
    assertThat(aa.runs()).isEqualTo(20);
    assertThat(aa.realKeepsSequential()).isZero();
    // Exact bounds: 0 of 20 rules out rates above 1 - 0.025^(1/20); 20 of 20 those below
    // 0.025^(1/20).
    assertThat(aa.keptLow()).isZero();
    assertThat(aa.keptHigh()).isCloseTo(0.1684, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(faster.realKeepsSequential()).isEqualTo(20);
    assertThat(faster.keptLow()).isCloseTo(0.8316, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(faster.keptHigh()).isEqualTo(1.0);
    assertThat(faster.p50Effect()).isBetween(0.89, 0.93);

    Path png = dir.resolve("calibrate/power.png");
    PowerChart.write(report, 1, png);
    byte[] bytes = java.nio.file.Files.readAllBytes(png);
    assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
    assertThat(PowerChart.of(report, 1).getSeriesCollection())
        .extracting(org.knowm.xchart.XYSeries::getName)
        .containsExactly("A/A (false keeps)", "B faster (power)");
  }

  /** A calibration of a 10% knob change, seed 7, without the fork reference. */
  private static Calibration calibration(int aaRuns, int repeat, int splits) {
    return new Calibration(
        new Calibration.Settings(
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
            false));
  }

  /** 24 rounds of 10 s each after 30 s of warm-up; B is {@code factor} times A plus noise. */
  private static List<Replicate> rounds(SplittableRandom random, double factor) {
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
}

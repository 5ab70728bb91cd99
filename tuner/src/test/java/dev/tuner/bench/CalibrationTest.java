package dev.tuner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calibration's bookkeeping on synthetic rounds whose truth is known; no JVM is started. */
class CalibrationTest {

  @Test
  void aaDecisionsRunSpreadAmongTheChangesWhichRunInPairs() {
    assertThat(Calibration.scenarios(4, List.of(5), 2))
        .extracting(Calibration.Scenario::name)
        .containsExactly("+5%", "-5%", "A/A", "A/A", "+5%", "-5%", "A/A", "A/A");
    assertThat(Calibration.scenarios(1, List.of(2, 5), 1))
        .extracting(Calibration.Scenario::name)
        .containsExactly("+2%", "-2%", "+5%", "-5%", "A/A");
    assertThat(Calibration.scenarios(3, List.of(), 5))
        .extracting(Calibration.Scenario::name)
        .containsExactly("A/A", "A/A", "A/A");
  }

  @Test
  void reportsFalseKeepsPowerAndTimePerDecisionSideBySide() {
    Calibration.Report report = SyntheticCalibration.report(1000);

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
    // The same decisions under each criterion: the run's own criterion gives the real keeps.
    assertThat(report.variants()).hasSize(2 * report.rows().size());
    for (Calibration.Row row : report.rows()) {
      assertThat(report.variants())
          .filteredOn(c -> c.scenario().equals(row.scenario().name()))
          .filteredOn(c -> c.criterion().equals("both-improved"))
          .singleElement()
          .satisfies(c -> assertThat(c.keeps()).isEqualTo(row.realKeepsSequential()));
    }
    assertThat(report.variants())
        .filteredOn(c -> c.scenario().equals("+10%"))
        .allSatisfy(c -> assertThat(c.keeps()).isZero());
    assertThat(report.variants())
        .filteredOn(c -> c.scenario().equals("-10%"))
        .allSatisfy(c -> assertThat(c.keeps()).isEqualTo(1));
  }

  @Test
  void roundsThatKeptTheirOperationsAreDecidedAgainUnderEachEstimatorAndClock() {
    Calibration calibration = SyntheticCalibration.calibration(2, 1, 100);
    SplittableRandom random = new SplittableRandom(5);
    List<Calibration.Run> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      runs.add(
          calibration.decide(
              new Calibration.Scenario("A/A", 0, 0),
              SyntheticCalibration.roundsWithOperations(random, 1.0)));
    }
    runs.add(
        calibration.decide(
            new Calibration.Scenario("-10%", 10, 0),
            SyntheticCalibration.roundsWithOperations(random, 1 / 1.10)));

    Calibration.Report report = calibration.report(runs, Double.NaN);

    assertThat(report.variants())
        .extracting(c -> c.scenario() + " " + c.criterion() + " " + c.quantiles() + " " + c.clock())
        .contains(
            "A/A both-improved order-statistic wall",
            "-10% both-improved harrell-davis cpu",
            "A/A median-improved-tail-not-worse order-statistic cpu",
            "-10% median-improved-tail-not-worse harrell-davis wall")
        .doesNotHaveDuplicates()
        .hasSize(8 * 2);
    assertThat(report.variants())
        .filteredOn(c -> c.scenario().equals("-10%"))
        .allSatisfy(c -> assertThat(c.keeps()).isEqualTo(1));
    assertThat(report.variants())
        .filteredOn(c -> c.scenario().equals("A/A"))
        .allSatisfy(c -> assertThat(c.keeps()).isZero());
  }

  @Test
  void realDecisionsAreCountedWithTheirExactIntervalAndDrawnAsAPowerCurve(@TempDir Path dir)
      throws Exception {
    Calibration calibration = SyntheticCalibration.calibration(20, 20, 200);
    SplittableRandom random = new SplittableRandom(11);
    List<Calibration.Run> runs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      runs.add(
          calibration.decide(
              new Calibration.Scenario("A/A", 0, 0), SyntheticCalibration.rounds(random, 1.0)));
      runs.add(
          calibration.decide(
              new Calibration.Scenario("-10%", 10, 0),
              SyntheticCalibration.rounds(random, 1 / 1.10)));
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
}

package dev.tuner.cli;

import static dev.tuner.GoldenFiles.assertMatchesGolden;

import dev.tuner.bench.SyntheticCalibration;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What calibrate prints, on a report of synthetic rounds whose truth is known. */
class CalibrateReportGoldenTest {

  @Test
  void theReportPrintsRowsGridCriteriaAndRecommendation() {
    StringWriter out = new StringWriter();
    CalibrateCommand.print(
        SyntheticCalibration.settings(), SyntheticCalibration.report(), new PrintWriter(out));
    assertMatchesGolden("calibrate-report.txt", out.toString());
  }
}

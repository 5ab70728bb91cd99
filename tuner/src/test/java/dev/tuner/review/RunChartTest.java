package dev.tuner.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.log.LogRecord;
import dev.tuner.log.Stats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class RunChartTest {

  static LogRecord.Experiment withP95(LogRecord.Experiment e, double ratio, double lo, double hi) {
    Map<String, Stats> stats =
        Map.of("p95", new Stats(ratio, List.of(lo, hi), 0.2, List.of(8, 8), "same"));
    return new LogRecord.Experiment(
        e.run(),
        e.commit(),
        e.metric(),
        e.metrics(),
        e.status(),
        e.description(),
        e.timestamp(),
        e.segment(),
        e.confidence(),
        e.asi(),
        e.parent(),
        e.phase(),
        e.tags(),
        e.expectation(),
        stats,
        e.calls(),
        e.allocBytesPerOp(),
        e.proposer(),
        e.diff(),
        e.wallS(),
        e.knobs());
  }

  /** The bars of a series: per bar (ended by a NaN break at its x) its x, lowest and highest y. */
  static List<double[]> bars(XYSeries s) {
    List<double[]> bars = new ArrayList<>();
    double[] xs = s.getXData();
    double[] ys = s.getYData();
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (int i = 0; i < ys.length; i++) {
      if (Double.isNaN(ys[i])) {
        bars.add(new double[] {xs[i], lo, hi});
        lo = Double.MAX_VALUE;
        hi = -Double.MAX_VALUE;
      } else {
        lo = Math.min(lo, ys[i]);
        hi = Math.max(hi, ys[i]);
      }
    }
    return bars;
  }

  @Test
  void aDiscardedTryBelowTheBestShowsAnIntervalThatCrossesIt() {
    var config =
        new LogRecord.Config(
            1, "x", "p95_ms", "ms", "lower", "h", "b", "base", "main", "p", "t", null);
    ReviewLog.Segment segment =
        ReviewLog.of(
                Path.of("x.jsonl"),
                List.of(
                    config,
                    HtmlReportTest.experiment(0, "baseline", "base"),
                    withP95(HtmlReportTest.experiment(1, "keep", "kept"), 0.8, 0.75, 0.85),
                    // 3% below the best (80), but the interval reaches 5% above it: not a win.
                    withP95(HtmlReportTest.experiment(2, "discard", "noise"), 0.97, 0.9, 1.05),
                    HtmlReportTest.experiment(3, "build_failed", "broken")))
            .segments()
            .get(0);
    RunChart chart = RunChart.of(segment, 600, 300);
    XYChart xy = chart.chart();

    assertThat(xy.getSeries("discarded: interval")).as("the discarded try's bar").isNotNull();
    List<double[]> discarded = bars(xy.getSeries("discarded: interval"));
    assertThat(discarded).hasSize(1);
    assertThat(discarded.get(0)[0]).isEqualTo(2.0);
    assertThat(discarded.get(0)[1]).isCloseTo(72.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(discarded.get(0)[2]).isCloseTo(84.0, org.assertj.core.data.Offset.offset(1e-9));
    double point = xy.getSeries("discarded").getYData()[0];
    assertThat(point).as("the point itself is below the best").isLessThan(80.0);
    assertThat(discarded.get(0)[2]).as("its interval crosses the best").isGreaterThan(80.0);

    List<double[]> kept = bars(xy.getSeries("kept: interval"));
    assertThat(kept).hasSize(1);
    assertThat(kept.get(0)).containsExactly(new double[] {1.0, 75.0, 85.0}, within());
  }

  static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}

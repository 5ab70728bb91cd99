package dev.tuner.review;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The primary metric over the runs of one segment, drawn with XChart: the running best as a step
 * line, kept tries highlighted, discarded ones grey, failures marked with a red cross on the best
 * line (they have no measurement of their own). Each benchmarked try carries the interval of its
 * decision as an error bar, in the chart's units (its ratio's bounds times the best it was measured
 * against): a discarded try below the best line whose bar crosses that line is visibly no win.
 */
public final class RunChart {

  static final Color BEST = new Color(0x1f, 0x5f, 0xbf);
  static final Color KEPT = new Color(0x1a, 0x9e, 0x4b);
  static final Color DISCARDED = new Color(0x9a, 0x9a, 0x9a);
  static final Color FAILED = new Color(0xd6, 0x2d, 0x20);
  static final Color BASELINE = new Color(0x33, 0x33, 0x33);

  private final XYChart chart;

  private RunChart(XYChart chart) {
    this.chart = chart;
  }

  /**
   * The chart of {@code segment}.
   *
   * @throws IllegalArgumentException when no try of the segment was measured (nothing to draw)
   */
  public static RunChart of(ReviewLog.Segment segment, int width, int height) {
    List<Row> rows = segment.rows();
    if (rows.stream().noneMatch(r -> r.level() != null)) {
      throw new IllegalArgumentException(
          "segment " + segment.number() + " has no measured try to chart");
    }
    String metric = segment.relative() ? segment.statsKey() : segment.metricName();
    String yTitle =
        segment.relative()
            ? metric + ", % of the baseline"
            : metric + (segment.unit().isEmpty() ? "" : " (" + segment.unit() + ")");
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(
                metric
                    + " over runs ("
                    + (segment.lowerIsBetter() ? "lower" : "higher")
                    + " is better"
                    + (segment.relative()
                        ? "; each try's ratio to the best of its time, chained"
                        : "")
                    + ")")
            .xAxisTitle("run")
            .yAxisTitle(yTitle)
            .build();
    chart
        .getStyler()
        .setChartBackgroundColor(Color.WHITE)
        .setPlotBackgroundColor(Color.WHITE)
        .setLegendPosition(Styler.LegendPosition.OutsideS)
        .setLegendLayout(Styler.LegendLayout.Horizontal)
        .setMarkerSize(11)
        .setAntiAlias(true)
        .setPlotBorderVisible(true);
    chart
        .getStyler()
        .setPlotGridLinesColor(new Color(0xe6, 0xe6, 0xe6))
        .setXAxisDecimalPattern("0")
        .setYAxisDecimalPattern("0.#")
        .setAxisTitlePadding(8);

    List<Double> bx = new ArrayList<>();
    List<Double> by = new ArrayList<>();
    for (Row r : rows) {
      if (r.bestAfter() != null) {
        bx.add((double) r.experiment().run());
        by.add(r.bestAfter());
      }
    }
    series(
        chart, "running best", bx, by, XYSeries.XYSeriesRenderStyle.Step, SeriesMarkers.NONE, BEST);
    intervals(chart, "kept: interval", rows, Row::kept, KEPT);
    intervals(chart, "discarded: interval", rows, r -> !r.kept() && !r.failed(), DISCARDED);
    points(chart, "baseline", rows, Row::baseline, false, SeriesMarkers.DIAMOND, BASELINE);
    points(chart, "kept", rows, Row::kept, false, SeriesMarkers.CIRCLE, KEPT);
    points(
        chart,
        "discarded",
        rows,
        r -> !r.kept() && !r.baseline() && !r.failed() && r.level() != null,
        false,
        SeriesMarkers.CIRCLE,
        DISCARDED);
    points(chart, "failed", rows, Row::failed, true, SeriesMarkers.CROSS, FAILED);
    return new RunChart(chart);
  }

  /** Half the width of an error bar's caps, in runs. */
  static final double CAP = 0.18;

  /**
   * One error bar per benchmarked try that {@code which} selects: the interval of its primary
   * metric's ratio times the level of the best before it; an open bound ends the bar at the point.
   * All bars of a kind are one series, broken by NaN between bars (one legend entry).
   */
  private static void intervals(
      XYChart chart, String name, List<Row> rows, Predicate<Row> which, Color color) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    Double bestBefore = null;
    for (Row r : rows) {
      Change c = r.primary();
      if (which.test(r)
          && !r.baseline()
          && r.level() != null
          && c != null
          && (c.low() != null || c.high() != null)) {
        double best = bestBefore == null ? 100 : bestBefore;
        double lo = c.low() == null ? r.level() : best * (1 + c.low() / 100);
        double hi = c.high() == null ? r.level() : best * (1 + c.high() / 100);
        double x = r.experiment().run();
        double[][] bar = {
          {x - CAP, lo}, {x + CAP, lo}, {x, lo}, {x, hi}, {x - CAP, hi}, {x + CAP, hi}
        };
        for (double[] p : bar) {
          xs.add(p[0]);
          ys.add(p[1]);
        }
        xs.add(x);
        ys.add(Double.NaN);
      }
      bestBefore = r.bestAfter();
    }
    if (xs.isEmpty()) {
      return;
    }
    XYSeries s = chart.addSeries(name, xs, ys);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setLineStyle(new BasicStroke(1.5f));
  }

  /** The chart itself, for tests that look at its series. */
  XYChart chart() {
    return chart;
  }

  private static void points(
      XYChart chart,
      String name,
      List<Row> rows,
      Predicate<Row> which,
      boolean onBest,
      Marker marker,
      Color color) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (Row r : rows) {
      Double y = onBest && r.level() == null ? r.bestAfter() : r.level();
      if (which.test(r) && y != null) {
        xs.add((double) r.experiment().run());
        ys.add(y);
      }
    }
    series(chart, name, xs, ys, XYSeries.XYSeriesRenderStyle.Scatter, marker, color);
  }

  private static void series(
      XYChart chart,
      String name,
      List<Double> xs,
      List<Double> ys,
      XYSeries.XYSeriesRenderStyle style,
      Marker marker,
      Color color) {
    if (xs.isEmpty()) {
      return; // XChart refuses empty series; a status that never happened has no legend entry
    }
    XYSeries s = chart.addSeries(name, xs, ys);
    s.setXYSeriesRenderStyle(style);
    s.setMarker(marker);
    s.setMarkerColor(color);
    s.setLineColor(color);
    s.setLineStyle(new BasicStroke(2.5f));
  }

  public byte[] png() throws IOException {
    return ChartEncoder.getBytes(chart, "png");
  }

  /**
   * Needs VectorGraphics2D on the class path (an optional dependency of XChart, declared by the
   * tuner).
   */
  public byte[] svg() throws IOException {
    return ChartEncoder.getBytes(chart, "svg");
  }
}

package dev.tuner.bench;

import dev.tuner.io.AtomicFile;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code tuner calibrate}'s power curve: per scenario, the share of real decisions that kept B
 * against the change really measured (p50, B/A − 1), with its exact 95% interval as an error bar.
 * A/A sits at 0 (its rate is the false keeps), slowdowns right of it (they must stay at 0),
 * improvements left.
 */
public final class PowerChart {

  private PowerChart() {}

  public static XYChart of(Calibration.Report report, int load) {
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(500)
            .title(
                "kept decisions by measured change"
                    + (load > 0 ? " (" + load + " core(s) kept busy)" : " (quiet)"))
            .xAxisTitle("measured change of p50, B/A - 1 (%)")
            .yAxisTitle("kept (% of real decisions, 95% interval)")
            .build();
    chart
        .getStyler()
        .setChartBackgroundColor(Color.WHITE)
        .setPlotBackgroundColor(Color.WHITE)
        .setLegendPosition(Styler.LegendPosition.OutsideS)
        .setLegendLayout(Styler.LegendLayout.Horizontal)
        .setMarkerSize(9)
        .setAntiAlias(true);
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
    series(chart, "A/A (false keeps)", report, r -> r.scenario().aa(), new Color(0x33, 0x33, 0x33));
    series(
        chart,
        "B faster (power)",
        report,
        r -> r.scenario().improvement(),
        new Color(0x1a, 0x9e, 0x4b));
    series(
        chart,
        "B slower (must be 0)",
        report,
        r -> !r.scenario().aa() && !r.scenario().improvement(),
        new Color(0xd6, 0x2d, 0x20));
    return chart;
  }

  /** Writes the chart as a PNG, atomically. */
  public static void write(Calibration.Report report, int load, Path png) throws IOException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    AtomicFile.write(png, ChartEncoder.getBytes(of(report, load), "png"));
  }

  private static void series(
      XYChart chart,
      String name,
      Calibration.Report report,
      java.util.function.Predicate<Calibration.Row> which,
      Color color) {
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    List<Double> bars = new ArrayList<>();
    for (Calibration.Row r : report.rows()) {
      if (which.test(r)) {
        x.add(100 * (r.p50Effect() - 1));
        double rate = 100.0 * r.realKeepsSequential() / r.runs();
        y.add(rate);
        // XChart draws symmetric bars: the larger side, so the whole interval is covered.
        bars.add(100 * Math.max(r.keptHigh() - rate / 100, rate / 100 - r.keptLow()));
      }
    }
    if (x.isEmpty()) {
      return;
    }
    XYSeries s = chart.addSeries(name, x, y, bars);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setMarkerColor(color);
  }
}

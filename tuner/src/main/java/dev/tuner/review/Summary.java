package dev.tuner.review;

import dev.tuner.log.LogRecord;
import dev.tuner.log.WallTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code tuner report} says about one run of the loop (a segment of the log).
 *
 * @param baseline the try the run started from (run 0), or null when the log has none
 * @param best the last try that became the best (the baseline when nothing was kept)
 * @param p50 baseline → best for p50, or null when not measured
 * @param p95 likewise for p95
 * @param counts tries per status, in the order statuses first appear
 * @param top up to three tries with the largest improvement of the primary metric, best first
 * @param holdout the hold-out check, or null when the run did not reach it
 * @param tokensIn tokens sent to proposers, or null when none reported any
 * @param cost the proposers' cost in USD, or null when none reported any
 * @param wall seconds per stage, summed over tries (null stages never ran)
 * @param wallTotal seconds over all stages
 */
public record Summary(
    ReviewLog.Segment segment,
    Row baseline,
    Row best,
    Progress p50,
    Progress p95,
    Map<String, Integer> counts,
    List<Row> top,
    LogRecord.Holdout holdout,
    Long tokensIn,
    Long tokensOut,
    Double cost,
    WallTime wall,
    double wallTotal) {

  /**
   * From the baseline to the best for one metric.
   *
   * @param from the baseline's value (ms), from its own measurement
   * @param to the best's value: the baseline's scaled by the chained ratio when steps were kept
   *     (each try is measured next to the best of its time, so only the ratios chain), else the
   *     best's logged value
   * @param change the product of the kept steps' ratios from their decisions, and an interval made
   *     of the products of their bounds: all steps' intervals hold together with probability at
   *     least 1 − k·α (Bonferroni), so it is conservative; null when no step was kept
   * @param steps the kept steps it is made of
   */
  public record Progress(Double from, Double to, Change change, int steps) {}

  public static Summary of(ReviewLog.Segment segment) {
    List<Row> rows = segment.rows();
    Row baseline = rows.stream().filter(Row::baseline).findFirst().orElse(null);
    Row best = baseline;
    for (Row r : rows) {
      if (r.kept()) {
        best = r;
      }
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    rows.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
    boolean lower = segment.lowerIsBetter();
    Comparator<Row> byImprovement =
        Comparator.comparingDouble(r -> lower ? r.primary().percent() : -r.primary().percent());
    List<Row> top =
        rows.stream()
            .filter(r -> !r.baseline() && r.primary() != null)
            .filter(r -> lower ? r.primary().percent() < 0 : r.primary().percent() > 0)
            .sorted(byImprovement)
            .limit(3)
            .toList();
    long tokensIn = 0;
    long tokensOut = 0;
    double cost = 0;
    boolean anyTokens = false;
    boolean anyCost = false;
    double[] wall = new double[4];
    boolean[] ran = new boolean[4];
    for (Row r : rows) {
      var p = r.experiment().proposer();
      if (p != null) {
        if (p.tokensIn() != null || p.tokensOut() != null) {
          anyTokens = true;
          tokensIn += p.tokensIn() == null ? 0 : p.tokensIn();
          tokensOut += p.tokensOut() == null ? 0 : p.tokensOut();
        }
        if (p.cost() != null) {
          anyCost = true;
          cost += p.cost();
        }
      }
      WallTime w = r.experiment().wallS();
      if (w != null) {
        Double[] stages = {w.propose(), w.build(), w.parity(), w.bench()};
        for (int i = 0; i < 4; i++) {
          if (stages[i] != null) {
            wall[i] += stages[i];
            ran[i] = true;
          }
        }
      }
    }
    List<Row> kept = rows.stream().filter(Row::kept).toList();
    return new Summary(
        segment,
        baseline,
        best,
        progress(baseline, best, kept, "p50"),
        progress(baseline, best, kept, "p95"),
        counts,
        top,
        segment.holdout(),
        anyTokens ? tokensIn : null,
        anyTokens ? tokensOut : null,
        anyCost ? cost : null,
        new WallTime(
            ran[0] ? wall[0] : null,
            ran[1] ? wall[1] : null,
            ran[2] ? wall[2] : null,
            ran[3] ? wall[3] : null),
        wall[0] + wall[1] + wall[2] + wall[3]);
  }

  private static Progress progress(Row baseline, Row best, List<Row> kept, String quantile) {
    Double from = value(baseline, quantile);
    Double to = value(best, quantile);
    if (from == null && to == null) {
      return null;
    }
    double ratio = 1;
    Double low = 1.0;
    Double high = 1.0;
    List<Change> steps = new ArrayList<>();
    for (Row r : kept) {
      Change c = "p50".equals(quantile) ? r.p50() : r.p95();
      if (c == null) {
        continue;
      }
      steps.add(c);
      ratio *= 1 + c.percent() / 100;
      low = c.low() == null || low == null ? null : low * (1 + c.low() / 100);
      high = c.high() == null || high == null ? null : high * (1 + c.high() / 100);
    }
    Change change = steps.isEmpty() ? null : Change.ofRatio(ratio, low, high);
    return new Progress(
        from, change != null && from != null ? from * ratio : to, change, steps.size());
  }

  private static Double value(Row row, String quantile) {
    if (row == null || row.experiment().metrics() == null) {
      return null;
    }
    return row.experiment().metrics().get(quantile + "_ms");
  }
}

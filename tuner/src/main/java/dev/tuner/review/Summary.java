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
 * @param wall where the tries' time went, per stage
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
    Stages wall) {

  /**
   * Where the run's time went.
   *
   * @param total per stage, seconds summed over every record (the baseline's too), in the order of
   *     a try
   * @param median per stage, the median over the tries it ran in (the baseline left out: it is
   *     measured, not compared)
   * @param seconds all stages of all records
   * @param perHour tries logged per hour of the clock, from the baseline's record to the last; null
   *     without a baseline or timestamps
   */
  public record Stages(
      Map<String, Double> total, Map<String, Double> median, double seconds, Double perHour) {

    static Stages of(List<WallTime> all, List<WallTime> tries, Double perHour) {
      // The baseline has no warm-up of its own; a log written before warm-up was timed has only
      // "bench" in its tries: then every record reads that way.
      boolean split = tries.stream().allMatch(w -> w.bench() == null || w.warmup() != null);
      Map<String, Double> total = new LinkedHashMap<>();
      Map<String, Double> median = new LinkedHashMap<>();
      for (String stage : WallTime.ORDER) {
        List<Double> each = values(all, stage, split);
        if (!each.isEmpty()) {
          total.put(stage, each.stream().mapToDouble(Double::doubleValue).sum());
        }
        List<Double> perTry = values(tries, stage, split);
        if (!perTry.isEmpty()) {
          median.put(stage, median(perTry));
        }
      }
      return new Stages(total, median, all.stream().mapToDouble(WallTime::total).sum(), perHour);
    }

    private static List<Double> values(List<WallTime> records, String stage, boolean split) {
      return records.stream()
          .map(w -> stages(w, split).get(stage))
          .filter(java.util.Objects::nonNull)
          .toList();
    }

    /** A record's stages; the baseline's benchmark counts as measuring. */
    private static Map<String, Double> stages(WallTime w, boolean split) {
      if (!split) {
        return w.unsplit().stages();
      }
      Map<String, Double> stages = w.stages();
      if (stages.containsKey("bench")) {
        stages.put("measure", stages.remove("bench"));
      }
      return stages;
    }

    private static double median(List<Double> values) {
      double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      int n = sorted.length;
      return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
  }

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
    List<WallTime> times = new ArrayList<>();
    List<WallTime> tries = new ArrayList<>();
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
      if (r.experiment().wallS() != null) {
        times.add(r.experiment().wallS());
        if (!r.baseline()) {
          tries.add(r.experiment().wallS());
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
        Stages.of(times, tries, perHour(baseline, rows)));
  }

  /** Tries after the baseline over the clock time from its record to the last one. */
  private static Double perHour(Row baseline, List<Row> rows) {
    if (baseline == null || rows.size() < 2) {
      return null;
    }
    java.time.Instant from = Filter.timestamp(baseline.experiment().timestamp());
    java.time.Instant to = Filter.timestamp(rows.get(rows.size() - 1).experiment().timestamp());
    if (from == null || to == null || !to.isAfter(from)) {
      return null;
    }
    long tries = rows.stream().filter(r -> !r.baseline()).count();
    return tries * 3600.0 / java.time.Duration.between(from, to).toMillis() * 1000;
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

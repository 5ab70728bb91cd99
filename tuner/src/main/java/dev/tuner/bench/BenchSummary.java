package dev.tuner.bench;

import dev.tuner.measure.ForkResult;
import dev.tuner.measure.JmhCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.apache.commons.statistics.descriptive.GeometricMean;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Median;

/**
 * What {@code tuner bench} reports: per case, the median over forks of each fork's own p50, p95 and
 * p99 (the fork is the replicate, so no quantile pools samples across JVMs), mean bytes and calls
 * per operation; and over all cases, geometric means (calls: the sum, one operation of each case).
 *
 * @param cases one row per case, in run order
 * @param all the aggregate row
 */
public record BenchSummary(List<Row> cases, Row all) {

  /**
   * One row.
   *
   * @param p50 nanoseconds
   * @param callsPerOp upstream → calls per operation
   */
  public record Row(
      String id,
      double p50,
      double p95,
      double p99,
      double allocBytesPerOp,
      Map<String, Double> callsPerOp,
      int forks) {

    public Row {
      callsPerOp = Map.copyOf(callsPerOp);
    }
  }

  public BenchSummary {
    cases = List.copyOf(cases);
  }

  public static BenchSummary of(BenchRun run) {
    List<Row> rows = new ArrayList<>();
    for (JmhCase c : run.results().cases()) {
      String id = BenchRun.caseId(c);
      List<ForkResult> forks = c.forks();
      rows.add(
          new Row(
              id,
              median(forks, f -> f.quantiles().p50()),
              median(forks, f -> f.quantiles().p95()),
              median(forks, f -> f.quantiles().p99()),
              Mean.of(forks.stream().mapToDouble(ForkResult::allocBytesPerOp).toArray())
                  .getAsDouble(),
              meanCalls(run.callsPerOp().getOrDefault(id, List.of())),
              forks.size()));
    }
    return new BenchSummary(rows, aggregate(rows));
  }

  private static Row aggregate(List<Row> rows) {
    Map<String, Double> calls = new TreeMap<>();
    rows.forEach(r -> r.callsPerOp().forEach((u, n) -> calls.merge(u, n, Double::sum)));
    return new Row(
        "all cases",
        geomean(rows, Row::p50),
        geomean(rows, Row::p95),
        geomean(rows, Row::p99),
        geomean(rows, r -> Math.max(r.allocBytesPerOp(), 1)),
        calls,
        rows.stream().mapToInt(Row::forks).min().orElse(0));
  }

  /** Mean over forks, per upstream: under replay every fork should agree. */
  static Map<String, Double> meanCalls(List<Map<String, Double>> forks) {
    Map<String, Double> sum = new TreeMap<>();
    forks.forEach(f -> f.forEach((u, n) -> sum.merge(u, n, Double::sum)));
    sum.replaceAll((u, n) -> n / forks.size());
    return sum;
  }

  private static double median(List<ForkResult> forks, ToDoubleFunction<ForkResult> q) {
    return Median.withDefaults().evaluate(forks.stream().mapToDouble(q).toArray());
  }

  private static double geomean(List<Row> rows, ToDoubleFunction<Row> value) {
    return GeometricMean.of(rows.stream().mapToDouble(value).toArray()).getAsDouble();
  }
}

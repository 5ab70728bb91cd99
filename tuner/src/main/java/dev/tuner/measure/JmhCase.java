package dev.tuner.measure;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One benchmark method with one set of {@code @Param} values — a case — measured in {@code
 * Mode.SampleTime}.
 *
 * @param params the {@code @Param} values, sorted by name
 * @param forks one entry per JMH fork, in the order JMH ran them
 * @param countersPerOp {@code @AuxCounters(OPERATIONS)} counter name → its count per benchmark
 *     operation, one value per fork. JMH reports aux counters only in {@code Throughput} and {@code
 *     AverageTime} modes, so these come from the {@code thrpt} record of the same case (its own
 *     forks, matched by index): counter rate ÷ primary rate, per iteration, averaged over the fork.
 *     Empty when the run had no {@code thrpt} record.
 */
public record JmhCase(
    String benchmark,
    Map<String, String> params,
    List<ForkResult> forks,
    Map<String, List<Double>> countersPerOp) {

  public JmhCase {
    Objects.requireNonNull(benchmark, "benchmark");
    params = Map.copyOf(params);
    forks = List.copyOf(forks);
    countersPerOp = Map.copyOf(countersPerOp);
  }

  /** {@code benchmark[name=value,...]}, or just the benchmark when it has no parameters. */
  public String id() {
    return id(benchmark, params);
  }

  static String id(String benchmark, Map<String, String> params) {
    if (params.isEmpty()) {
      return benchmark;
    }
    return new TreeMap<>(params)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(",", benchmark + "[", "]"));
  }
}

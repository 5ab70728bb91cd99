package dev.tuner.decide;

import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.apache.commons.statistics.descriptive.GeometricMean;

/**
 * Turns forks into the one value per fork that a comparison reads.
 *
 * <p>The aggregate over cases is, per fork, the geometric mean of the cases' values; comparing
 * those per-fork means gives the geometric mean of the per-case ratios B/A, so every case weighs
 * the same whatever its absolute latency.
 */
public final class Aggregate {

  private Aggregate() {}

  /** Per fork, the geometric mean over its cases of {@code metric}. */
  public static double[] geometricMeans(
      List<ForkSummary> forks, ToDoubleFunction<CaseFork> metric) {
    return forks.stream()
        .mapToDouble(
            f ->
                GeometricMean.of(f.cases().values().stream().mapToDouble(metric).toArray())
                    .getAsDouble())
        .toArray();
  }

  /** Per fork, the value of {@code metric} for one case. */
  public static double[] ofCase(
      List<ForkSummary> forks, String caseId, ToDoubleFunction<CaseFork> metric) {
    return forks.stream().mapToDouble(f -> metric.applyAsDouble(f.cases().get(caseId))).toArray();
  }

  /**
   * The case ids every fork of both sides has.
   *
   * @throws IllegalArgumentException if a side has no forks, or the forks do not all have the same
   *     cases (a ratio between different sets of cases means nothing)
   */
  public static Set<String> commonCases(List<ForkSummary> a, List<ForkSummary> b) {
    if (a.isEmpty() || b.isEmpty()) {
      throw new IllegalArgumentException(
          "both sides need forks: A has " + a.size() + ", B " + b.size());
    }
    Set<String> cases = a.get(0).cases().keySet();
    for (List<ForkSummary> side : List.of(a, b)) {
      for (ForkSummary fork : side) {
        if (!fork.cases().keySet().equals(cases)) {
          throw new IllegalArgumentException(
              "forks measure different cases: " + cases + " and " + fork.cases().keySet());
        }
      }
    }
    return cases;
  }
}

package dev.tuner.decide;

import dev.tuner.measure.ForkResult;
import dev.tuner.measure.JmhCase;
import dev.tuner.measure.JmhResults;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One replicate of one side: for each case, its numbers from one fork.
 *
 * <p>JMH runs every case in forks of its own, so "fork i" of a run groups the i-th fork of each
 * case: different JVMs, each independent, which is what a replicate needs.
 *
 * @param cases case id → its fork's numbers
 */
public record ForkSummary(Map<String, CaseFork> cases) {

  public ForkSummary {
    // Sorted, so every report and log lists the cases in one order, run after run.
    cases = Collections.unmodifiableMap(new TreeMap<>(cases));
    if (cases.isEmpty()) {
      throw new IllegalArgumentException("a fork summary needs at least one case");
    }
  }

  /**
   * The forks of one JMH run, by fork index.
   *
   * @throws IllegalArgumentException if the cases have different numbers of forks
   */
  public static List<ForkSummary> of(JmhResults run) {
    return of(run, JmhCase::id);
  }

  /**
   * The forks of one JMH run, by fork index, each case under the name {@code name} gives it (such
   * as its {@code caseId} parameter).
   *
   * @throws IllegalArgumentException if the cases have different numbers of forks
   */
  public static List<ForkSummary> of(JmhResults run, Function<JmhCase, String> name) {
    int forks = run.cases().get(0).forks().size();
    for (JmhCase c : run.cases()) {
      if (c.forks().size() != forks) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "%s: %s has %d forks, %s has %d",
                run.source(),
                c.id(),
                c.forks().size(),
                run.cases().get(0).id(),
                forks));
      }
    }
    List<ForkSummary> summaries = new ArrayList<>();
    for (int f = 0; f < forks; f++) {
      Map<String, CaseFork> cases = new LinkedHashMap<>();
      for (JmhCase c : run.cases()) {
        ForkResult fork = c.forks().get(f);
        cases.put(
            name.apply(c),
            new CaseFork(fork.quantiles().p50(), fork.quantiles().p95(), fork.allocBytesPerOp()));
      }
      summaries.add(new ForkSummary(cases));
    }
    return summaries;
  }
}

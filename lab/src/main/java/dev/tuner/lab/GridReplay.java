package dev.tuner.lab;

import dev.tuner.knobs.KnobSearch;
import dev.tuner.knobs.KnobSpace;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The knob search run over a measured grid instead of the loop: each point's value is the table's,
 * so the evaluations the search needs to come near the grid's best can be counted, for many seeds,
 * in a second.
 */
final class GridReplay {

  private GridReplay() {}

  /**
   * What one seed's search found within the budget.
   *
   * @param path every point measured, in order, with its value
   */
  record Outcome(
      long seed,
      int evaluations,
      Map<String, String> best,
      double value,
      int toWithin5,
      Map<Map<String, String>, Double> path) {}

  /**
   * @param start where the search starts (the knobs files' values)
   * @param budget distinct points the search may measure
   */
  static Outcome search(
      KnobSpace space,
      KnobGrid.Table table,
      String optimizer,
      long seed,
      Map<String, String> start,
      int budget)
      throws InterruptedException {
    double gridBest =
        table.p95().values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    Map<Map<String, String>, Double> seen = new LinkedHashMap<>();
    try {
      new KnobSearch(space, optimizer, seed)
          .run(
              start,
              p -> {
                Double known = seen.get(p);
                if (known != null) {
                  return known;
                }
                if (seen.size() >= budget) {
                  throw new Spent();
                }
                Double v = table.p95().get(p);
                if (v == null) {
                  throw new IllegalStateException(
                      "the table has no point " + KnobSpace.describe(p));
                }
                seen.put(p, v);
                return v;
              });
    } catch (Spent spent) {
      // the budget ended the search
    }
    // The first point at the lowest value; how many points it took to come within 5% of the grid's.
    Map.Entry<Map<String, String>, Double> best =
        seen.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
    int within = -1;
    int n = 0;
    for (double v : seen.values()) {
      n++;
      if (v <= 1.05 * gridBest) {
        within = n;
        break;
      }
    }
    return new Outcome(seed, seen.size(), best.getKey(), best.getValue(), within, seen);
  }

  /**
   * Searches the table once per seed, 1 to {@code seeds}, and reports each outcome (the first
   * seed's path in full) and how many came within 5% of the grid's best.
   */
  static void run(
      KnobSpace space,
      KnobGrid.Table table,
      Map<String, String> start,
      String optimizer,
      int budget,
      int seeds,
      PrintWriter out)
      throws InterruptedException {
    int grid = space.grid(KnobSpace.GRID_LEVELS).size();
    var min = table.p95().entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
    out.printf(
        Locale.ROOT,
        "grid: %d points (%d measured); best p95 %.3f ms at %s; start %s (%.3f ms)%n",
        grid,
        table.p95().size(),
        min.getValue(),
        KnobSpace.describe(min.getKey()),
        KnobSpace.describe(start),
        table.p95().getOrDefault(start, Double.NaN));
    out.printf(
        Locale.ROOT,
        "search: %s, budget %d evaluations (%.0f%% of the grid)%n",
        optimizer,
        budget,
        100.0 * budget / grid);
    int hits = 0;
    for (long seed = 1; seed <= seeds; seed++) {
      Outcome o = search(space, table, optimizer, seed, start, budget);
      boolean hit = o.value() <= 1.05 * min.getValue();
      hits += hit ? 1 : 0;
      out.printf(
          Locale.ROOT,
          "seed %2d: %2d evaluations, best %.3f ms (%+.1f%% vs grid best) at %s%s%n",
          seed,
          o.evaluations(),
          o.value(),
          100 * (o.value() / min.getValue() - 1),
          KnobSpace.describe(o.best()),
          o.toWithin5() > 0 ? "; within 5% after " + o.toWithin5() : "");
      if (seed == 1) {
        int[] n = {0};
        o.path()
            .forEach(
                (p, v) ->
                    out.printf(
                        Locale.ROOT, "  %d. %s: %.3f ms%n", ++n[0], KnobSpace.describe(p), v));
      }
    }
    out.printf("within 5%% of the grid's best: %d of %d seeds%n", hits, seeds);
  }

  private static final class Spent extends RuntimeException {}
}

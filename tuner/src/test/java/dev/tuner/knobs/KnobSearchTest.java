package dev.tuner.knobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.spec.KnobsSpec.KnobSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The search on synthetic noisy objectives whose optimum is known. */
class KnobSearchTest {

  /**
   * A log-scale integer range, an ordinal list of levels, a real range and a three-way choice: 4096
   * × 6 × ... points.
   */
  static final KnobSpace SPACE =
      new KnobSpace(
          List.of(
              Knob.of(new KnobSpec("cache", "integer", 1.0, 4096.0, "log", null, null), false),
              Knob.of(
                  new KnobSpec(
                      "patterns", "integer", null, null, null, List.of(0, 2, 4, 8, 16, 64), null),
                  false),
              Knob.of(new KnobSpec("ratio", "real", 0.0, 1.0, null, null, null), false),
              Knob.of(
                  new KnobSpec(
                      "gc", "choice", null, null, null, List.of("serial", "parallel", "g1"), null),
                  true)));

  static final Map<String, String> START =
      Map.of("cache", "64", "patterns", "4", "ratio", "0.9", "gc", "serial");

  /** Truth: best at cache ≈ 700, patterns 16, ratio 0.3, gc parallel; 10 ms there. */
  static double truth(Map<String, String> p) {
    double cache = Math.log(Double.parseDouble(p.get("cache")) / 700) / Math.log(2);
    double patterns = Math.log((Double.parseDouble(p.get("patterns")) + 1) / 17) / Math.log(2);
    double ratio = Double.parseDouble(p.get("ratio")) - 0.3;
    double gc =
        switch (p.get("gc")) {
          case "parallel" -> 1.0;
          case "g1" -> 1.15;
          default -> 1.06;
        };
    return 10 * gc * (1 + 0.04 * cache * cache + 0.03 * patterns * patterns + 0.5 * ratio * ratio);
  }

  /**
   * Evaluates with multiplicative noise, each point once, and stops after {@code budget} points.
   */
  static class Noisy implements KnobSearch.Objective {
    final Random noise;
    final int budget;
    final double sd;
    final Map<Map<String, String>, Double> cache = new LinkedHashMap<>();
    Map<String, String> best;
    double bestValue = Double.POSITIVE_INFINITY;

    Noisy(long seed, int budget, double sd) {
      this.noise = new Random(seed);
      this.budget = budget;
      this.sd = sd;
    }

    @Override
    public double value(Map<String, String> point) {
      Double known = cache.get(point);
      if (known != null) {
        return known;
      }
      if (cache.size() >= budget) {
        throw new Budget();
      }
      double v = truth(point) * (1 + sd * noise.nextGaussian());
      cache.put(point, v);
      if (v < bestValue) {
        best = point;
        bestValue = v;
      }
      return v;
    }
  }

  static final class Budget extends RuntimeException {}

  static Noisy search(String optimizer, long seed, int budget, double sd)
      throws InterruptedException {
    Noisy f = new Noisy(seed * 31 + 7, budget, sd);
    try {
      new KnobSearch(SPACE, optimizer, seed).run(START, f);
    } catch (Budget stop) {
      // the budget ended the search
    }
    return f;
  }

  @ParameterizedTest(name = "{0}, seed {1}")
  @CsvSource({
    "cmaes,1",
    "cmaes,2",
    "cmaes,3",
    "cmaes,4",
    "cmaes,5",
    "bobyqa,1",
    "bobyqa,2",
    "nelder-mead,1",
    "nelder-mead,2"
  })
  void findsTheKnownOptimumWithin5PercentIn60Evaluations(String optimizer, long seed)
      throws Exception {
    double optimum =
        truth(Map.of("cache", "700", "patterns", "16", "ratio", "0.3", "gc", "parallel"));
    Noisy f = search(optimizer, seed, 60, 0.02);
    assertThat(truth(f.best))
        .as("truth at the best point found, %s after %d evaluations", f.best, f.cache.size())
        .isLessThanOrEqualTo(optimum * 1.05);
    assertThat(truth(START)).as("the start is far from it").isGreaterThan(optimum * 1.2);
  }

  @Test
  void theSameSeedGivesTheSamePathAndNoPointIsAskedTwiceOfTheCache() throws Exception {
    Noisy a = search("cmaes", 7, 40, 0.02);
    Noisy b = search("cmaes", 7, 40, 0.02);
    assertThat(new ArrayList<>(a.cache.keySet())).isEqualTo(new ArrayList<>(b.cache.keySet()));
    Noisy c = search("cmaes", 8, 40, 0.02);
    assertThat(new ArrayList<>(c.cache.keySet())).isNotEqualTo(new ArrayList<>(a.cache.keySet()));
  }

  @Test
  void theSteppedSearchAsksWhatTheSynchronousOneEvaluatesAndAResumeAsksOnlyNewPoints()
      throws Exception {
    Noisy sync = search("cmaes", 3, 25, 0.02);
    List<Map<String, String>> asked = new ArrayList<>();
    Map<Map<String, String>, Double> told = new HashMap<>();
    try (SteppedSearch stepped = new SteppedSearch(new KnobSearch(SPACE, "cmaes", 3), START)) {
      for (int i = 0; i < 25; i++) {
        Map<String, String> p = stepped.next();
        assertThat(told).as("asked twice: " + p).doesNotContainKey(p);
        asked.add(p);
        told.put(p, sync.cache.get(p));
        stepped.tell(p, sync.cache.get(p));
      }
    }
    assertThat(asked).isEqualTo(new ArrayList<>(sync.cache.keySet()));

    // Resumed: the first 15 values come back from the log before the search asks for anything.
    try (SteppedSearch resumed = new SteppedSearch(new KnobSearch(SPACE, "cmaes", 3), START)) {
      asked.subList(0, 15).forEach(p -> resumed.tell(p, told.get(p)));
      assertThat(resumed.next()).isEqualTo(asked.get(15));
    }
  }

  @Test
  void anInfeasiblePointIsNeverTheBestAndTheSearchMovesOn() throws Exception {
    Noisy f =
        new Noisy(1, 40, 0.0) {
          @Override
          public double value(Map<String, String> point) {
            double v = super.value(point);
            return point.get("gc").equals("parallel") ? Double.POSITIVE_INFINITY : v;
          }
        };
    KnobSearch.Best best;
    try {
      best = new KnobSearch(SPACE, "cmaes", 1).run(START, f);
    } catch (Budget stop) {
      best = null;
    }
    assertThat(f.cache.keySet()).anyMatch(p -> p.get("gc").equals("parallel"));
    if (best != null) {
      assertThat(best.point().get("gc")).isNotEqualTo("parallel");
    }
    assertThat(
            f.cache.keySet().stream()
                .filter(p -> !p.get("gc").equals("parallel"))
                .mapToDouble(KnobSearchTest::truth)
                .min()
                .orElseThrow())
        .isLessThan(truth(START) * 0.85);
  }
}

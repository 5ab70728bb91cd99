package dev.tuner.bench;

import dev.tuner.decide.Criterion;
import dev.tuner.decide.DecisionRule;
import dev.tuner.decide.KeepRule;
import dev.tuner.decide.SequentialPlan;
import dev.tuner.decide.SequentialPlan.Action;
import dev.tuner.measure.Clock;
import dev.tuner.measure.QuantileEstimator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.statistics.descriptive.Median;

/**
 * What {@code tuner calibrate} reads off its real runs: per scenario the keep rates of both designs
 * over resampled splits, a grid of δ and replicate counts, and the recommendation.
 */
final class CalibrationAnalysis {

  private final Calibration.Settings settings;
  private final AbComparison comparison;

  CalibrationAnalysis(Calibration.Settings settings, AbComparison comparison) {
    this.settings = settings;
    this.comparison = comparison;
  }

  /** The report for runs already made (also what tests drive with synthetic replicates). */
  Calibration.Report report(List<Calibration.Run> runs, double forkPairSeconds) {
    // The A/A row first, then the changes in the order they first ran (A/A decisions run among
    // them).
    Map<String, List<Calibration.Run>> byScenario = new LinkedHashMap<>();
    Stream.concat(
            runs.stream().filter(r -> r.scenario().aa()),
            runs.stream().filter(r -> !r.scenario().aa()))
        .forEach(
            r -> byScenario.computeIfAbsent(r.scenario().name(), n -> new ArrayList<>()).add(r));
    SplittableRandom random = new SplittableRandom(settings.seed());
    List<Calibration.Row> rows = new ArrayList<>();
    byScenario.forEach((name, group) -> rows.add(row(group, random)));
    List<Calibration.Cell> grid = grid(byScenario, random);
    return new Calibration.Report(
        rows, runs, grid, variants(byScenario), recommend(rows, grid), forkPairSeconds);
  }

  /**
   * The same real decisions under each criterion and, where the rounds kept their operations, each
   * quantile estimator and clock: each run's rounds as measured, in their order, through the
   * sequential plan's looks. Real decisions, not re-splits, so the variants' power is compared on
   * the same trials at the same false-keep bound.
   */
  private List<Calibration.VariantRow> variants(Map<String, List<Calibration.Run>> byScenario) {
    DecisionRule rule = settings.compare().rule();
    List<Replicate> all =
        byScenario.values().stream()
            .flatMap(List::stream)
            .flatMap(r -> r.replicates().stream())
            .toList();
    boolean reread = all.stream().allMatch(r -> r.samples() != null);
    boolean cpu = reread && all.stream().allMatch(r -> r.samples().hasCpu());
    List<QuantileEstimator> estimators =
        reread ? List.of(QuantileEstimator.values()) : List.of(settings.compare().quantiles());
    List<Clock> clocks = cpu ? List.of(Clock.values()) : List.of(settings.compare().clock());
    List<Calibration.VariantRow> rows = new ArrayList<>();
    for (Criterion c : Criterion.values()) {
      AbComparison under =
          new AbComparison(settings.compare().withRule(rule.withCriterion(c, rule.tailMargin())));
      for (Clock clock : clocks) {
        for (QuantileEstimator q : estimators) {
          byScenario.forEach(
              (name, group) -> {
                int keeps =
                    (int) group.stream().filter(r -> kept(under, r, q, clock, reread)).count();
                ConfidenceInterval kept = KeepRate.clopperPearson(group.size(), keeps);
                rows.add(
                    new Calibration.VariantRow(
                        name,
                        c.label(),
                        q.label(),
                        clock.label(),
                        group.size(),
                        keeps,
                        kept.getLowerBound(),
                        kept.getUpperBound()));
              });
        }
      }
    }
    return rows;
  }

  private static boolean kept(
      AbComparison under,
      Calibration.Run run,
      QuantileEstimator quantiles,
      Clock clock,
      boolean reread) {
    List<Replicate> rounds =
        reread
            ? run.replicates().stream().map(r -> r.reread(quantiles, clock)).toList()
            : run.replicates();
    return under.sequentialDecision(rounds).map(step -> step.action() == Action.KEEP).orElse(false);
  }

  private Calibration.Row row(List<Calibration.Run> group, SplittableRandom random) {
    Calibration.Run first = group.get(0);
    int n = settings.compare().maxReplicates();
    int keepsSeq = 0;
    int keepsFixed = 0;
    double[] seconds = new double[settings.splits()];
    double looks = 0;
    for (int s = 0; s < settings.splits(); s++) {
      Calibration.Run run = group.get(random.nextInt(group.size()));
      List<Replicate> sample = resample(run.replicates(), n, run.scenario().aa(), random);
      SequentialPlan.Step step = comparison.sequentialDecision(sample).orElseThrow();
      keepsSeq += step.action() == Action.KEEP ? 1 : 0;
      keepsFixed += comparison.fixedDecision(sample).keep() ? 1 : 0;
      seconds[s] = run.replicates().get(step.look() - 1).endSeconds();
      looks += step.look();
    }
    double[] fixedSeconds = group.stream().mapToDouble(Calibration.Run::fixedSeconds).toArray();
    int realKeeps =
        (int) group.stream().filter(r -> r.sequential().action() == Action.KEEP).count();
    ConfidenceInterval kept = KeepRate.clopperPearson(group.size(), realKeeps);
    return new Calibration.Row(
        first.scenario(),
        Median.withDefaults()
            .evaluate(group.stream().mapToDouble(r -> r.fixed().p50().ratio()).toArray()),
        Median.withDefaults()
            .evaluate(group.stream().mapToDouble(r -> r.fixed().p95().ratio()).toArray()),
        group.size(),
        realKeeps,
        (int) group.stream().filter(r -> r.fixed().keep()).count(),
        kept.getLowerBound(),
        kept.getUpperBound(),
        (double) keepsSeq / settings.splits(),
        (double) keepsFixed / settings.splits(),
        Median.withDefaults().evaluate(seconds),
        Median.withDefaults().evaluate(fixedSeconds),
        looks / settings.splits());
  }

  /** Fixed designs with δ ∈ {0.5, 1, 2, 3}% and n replicates per side, resampled from the runs. */
  private List<Calibration.Cell> grid(
      Map<String, List<Calibration.Run>> byScenario, SplittableRandom random) {
    int max = settings.compare().maxReplicates();
    DecisionRule base = settings.compare().rule();
    int splits = Math.max(200, settings.splits() / 4);
    List<Calibration.Cell> cells = new ArrayList<>();
    for (double delta : new double[] {0.005, 0.01, 0.02, 0.03}) {
      for (int n = 8; n <= max; n += 4) {
        KeepRule rule = new KeepRule(base.withThreshold(delta), settings.compare().pairing());
        if (!canReject(n)) {
          continue;
        }
        double falseKeep = keepRate(byScenario.get("A/A"), rule, n, splits, random);
        Map<String, Double> power = new LinkedHashMap<>();
        for (List<Calibration.Run> group : byScenario.values()) {
          if (group.get(0).scenario().improvement()) {
            power.put(group.get(0).scenario().name(), keepRate(group, rule, n, splits, random));
          }
        }
        cells.add(new Calibration.Cell(delta, n, falseKeep, power));
      }
    }
    return cells;
  }

  private boolean canReject(int n) {
    try {
      new SequentialPlan(
          settings.compare().rule().withLooks(List.of(n)), settings.compare().pairing());
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static double keepRate(
      List<Calibration.Run> group, KeepRule rule, int n, int splits, SplittableRandom random) {
    if (group == null) {
      return Double.NaN;
    }
    int keeps = 0;
    for (int s = 0; s < splits; s++) {
      Calibration.Run run = group.get(random.nextInt(group.size()));
      List<Replicate> sample = resample(run.replicates(), n, run.scenario().aa(), random);
      keeps +=
          rule.assess(
                      sample.stream().map(Replicate::a).toList(),
                      sample.stream().map(Replicate::b).toList())
                  .keep()
              ? 1
              : 0;
    }
    return (double) keeps / splits;
  }

  /**
   * A split: n of the run's rounds (or fork pairs) in a random order, drawn without replacement so
   * no round counts twice (duplicates would tie in the rank tests and make their p-values
   * approximate). For an A/A run each round's sides are also swapped at random: with the same build
   * on both sides that leaves the distribution unchanged, and gives even the last look a
   * distribution over splits.
   */
  static List<Replicate> resample(
      List<Replicate> from, int n, boolean aa, SplittableRandom random) {
    List<Replicate> pool = new ArrayList<>(from);
    List<Replicate> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Replicate r = pool.remove(random.nextInt(pool.size()));
      boolean swap = aa && random.nextBoolean();
      out.add(swap ? r.swapped(i + 1) : r.at(i + 1));
    }
    return out;
  }

  /**
   * The first cell (fewest replicates, then smallest δ) whose A/A false-keep rate is within α and
   * whose power reaches the target for the smallest improvement that changed both p50 and p95 by at
   * least the target effect.
   */
  private String recommend(List<Calibration.Row> rows, List<Calibration.Cell> grid) {
    Optional<Calibration.Row> target =
        rows.stream()
            .filter(r -> r.scenario().improvement())
            .filter(
                r ->
                    1 - r.p50Effect() >= settings.targetEffect() - 1e-9
                        && 1 - r.p95Effect() >= settings.targetEffect() - 1e-9)
            .min((x, y) -> Double.compare(1 - x.p50Effect(), 1 - y.p50Effect()));
    if (target.isEmpty()) {
      return String.format(
          "no injected improvement changed both p50 and p95 by %.0f%% or more; inject larger"
              + " changes (--changes) to size the design for that",
          100 * settings.targetEffect());
    }
    String name = target.get().scenario().name();
    double alpha = settings.compare().rule().alpha();
    for (Calibration.Cell c : grid) {
      if (c.falseKeep() <= alpha && c.power().getOrDefault(name, 0.0) >= settings.targetPower()) {
        return String.format(
            "%d %s per side and delta %.1f%%: A/A false keeps %.2f%% (alpha %.1f%%), power %.1f%%"
                + " for %s (measured p50 B/A %.3f, p95 B/A %.3f)",
            c.replicates(),
            unit(),
            100 * c.threshold(),
            100 * c.falseKeep(),
            100 * alpha,
            100 * c.power().get(name),
            name,
            target.get().p50Effect(),
            target.get().p95Effect());
      }
    }
    return String.format(
        "no design up to %d %s per side reaches %.0f%% power for %s with the A/A false-keep"
            + " rate within %.1f%%; raise benchmark.compare.looks (more replicates) or opsPerRound",
        settings.compare().maxReplicates(),
        unit(),
        100 * settings.targetPower(),
        name,
        100 * alpha);
  }

  private String unit() {
    return settings.compare().design() == dev.tuner.spec.BenchmarkSpec.Design.INTERLEAVED
        ? "rounds"
        : "forks";
  }
}

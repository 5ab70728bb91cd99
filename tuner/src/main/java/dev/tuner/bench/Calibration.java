package dev.tuner.bench;

import dev.tuner.decide.Assessment;
import dev.tuner.decide.SequentialPlan;
import dev.tuner.error.UsageException;
import dev.tuner.io.Classpath;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.statistics.descriptive.Median;

// Over 300 lines: the calibration run and the records of its report, which calibrate prints and
// tests build.
/**
 * Measures how the keep rule behaves on this machine: {@code tuner calibrate}.
 *
 * <p>From one build it makes variants that differ only in an output-neutral knob (the example's
 * {@code calibration.extraWorkPercent}: busy work as a percentage of each request's local work),
 * then runs real comparisons, each to the last look so the sequential plan and the fixed design can
 * both be read off the same rounds, side by side:
 *
 * <ul>
 *   <li>A/A: the build against an identical copy, several times: every keep is a false keep;
 *   <li>for each change k: base against knob k (a slowdown, which must never be kept), and knob k
 *       against base (an improvement, whose keep rate is the power).
 * </ul>
 *
 * Each real run is one decision; rates come from {@code splits} random splits of its replicates
 * (whole rounds in a random order, without replacement, sides swapped at random in A/A runs; a run
 * is drawn first, so the between-JVM variation is in the estimate). The measured effect of each
 * change (the fixed design's Hodges–Lehmann estimate over all rounds) is reported next to it, since
 * a knob of k% of local work is not a k% change of latency. A grid of δ and replicate counts,
 * resampled the same way, gives the recommendation.
 */
public final class Calibration {

  /**
   * What to run.
   *
   * @param compare the comparison settings under test (design, rule, looks, JVMs)
   * @param aaRuns real A/A comparisons
   * @param changes knob values injected, each as a slowdown and as an improvement
   * @param repeat real comparisons per change and direction
   * @param splits resampled decisions per scenario (at least 1,000)
   * @param resource the properties resource in the build that holds the knob
   * @param key the knob
   * @param targetPower the power the recommendation asks for
   * @param targetEffect the smallest latency change (in p50 and p95) the recommendation must catch
   * @param dir where the variants' changed resources go
   * @param forkReference also time one JMH fork pair, the unit of a fixed design of forks
   * @param keepWarm keep the benchmark JVMs from one decision to the next ({@link WarmJvms})
   */
  public record Settings(
      CompareSettings compare,
      int aaRuns,
      List<Integer> changes,
      int repeat,
      int splits,
      long seed,
      String resource,
      String key,
      double targetPower,
      double targetEffect,
      Path dir,
      boolean forkReference,
      boolean keepWarm) {

    public Settings {
      Objects.requireNonNull(compare, "compare");
      changes = List.copyOf(changes);
      if (aaRuns < 1 || splits < 1 || repeat < 1) {
        throw new IllegalArgumentException(
            "calibration needs at least one A/A run, one split and one repeat");
      }
      for (int k : changes) {
        if (k <= 0) {
          throw new IllegalArgumentException("changes are positive knob values, got " + k);
        }
      }
    }
  }

  /** Which knob value each side has. */
  public record Scenario(String name, int knobA, int knobB) {

    public boolean aa() {
      return knobA == knobB;
    }

    public boolean improvement() {
      return knobB < knobA;
    }
  }

  /**
   * One real comparison run to the last look.
   *
   * @param sequential what the sequential plan decided on these rounds
   * @param sequentialSeconds wall time until the plan's decision
   * @param fixed the fixed design's decision on all rounds
   * @param fixedSeconds wall time until the last round
   */
  public record Run(
      Scenario scenario,
      List<Replicate> replicates,
      SequentialPlan.Step sequential,
      double sequentialSeconds,
      Assessment fixed,
      double fixedSeconds) {}

  /**
   * A scenario's figures.
   *
   * @param p50Effect the measured B/A of p50 (geomean over cases): the median over its runs of each
   *     run's fixed-design estimate on all its rounds
   * @param realKeepsSequential the real decisions of the sequential plan that kept B
   * @param keptLow the exact (Clopper–Pearson) 95% interval of the sequential plan's keep rate over
   *     the real decisions: lower bound
   * @param keptHigh its upper bound
   * @param keepRateSequential resampled share of decisions that keep B, sequential plan
   * @param keepRateFixed the same, fixed design
   * @param medianSecondsSequential resampled median wall time per decision, sequential plan
   * @param medianSecondsFixed wall time per decision, fixed design
   * @param meanLookSequential resampled mean replicates per side at the decision
   */
  public record Row(
      Scenario scenario,
      double p50Effect,
      double p95Effect,
      int runs,
      int realKeepsSequential,
      int realKeepsFixed,
      double keptLow,
      double keptHigh,
      double keepRateSequential,
      double keepRateFixed,
      double medianSecondsSequential,
      double medianSecondsFixed,
      double meanLookSequential) {}

  /**
   * A fixed design with δ and n replicates per side, resampled.
   *
   * @param power improvement scenario name → keep rate
   */
  public record Cell(
      double threshold, int replicates, double falseKeep, Map<String, Double> power) {}

  /**
   * A scenario's real decisions re-decided under one criterion, quantile estimator and clock, on
   * the same rounds and looks.
   *
   * @param low the exact (Clopper–Pearson) 95% interval of the keep rate: lower bound
   */
  public record VariantRow(
      String scenario,
      String criterion,
      String quantiles,
      String clock,
      int runs,
      int keeps,
      double low,
      double high) {}

  /**
   * Everything {@code tuner calibrate} prints and writes.
   *
   * @param forkPairSeconds wall time of one JMH fork of each side with the spec's JMH settings (NaN
   *     when not measured): a fixed design of n + n forks always runs n such pairs
   */
  public record Report(
      List<Row> rows,
      List<Run> runs,
      List<Cell> grid,
      List<VariantRow> variants,
      String recommendation,
      double forkPairSeconds) {

    /** What a fixed design of {@code forks} + {@code forks} JMH forks takes per decision. */
    public double fixedForksSeconds(int forks) {
      return forks * forkPairSeconds;
    }

    /** The median over scenarios of the sequential plan's median time per decision. */
    public double medianSequentialSeconds() {
      return Median.withDefaults()
          .evaluate(rows.stream().mapToDouble(Row::medianSecondsSequential).toArray());
    }

    /** The median over scenarios of the fixed design's time per decision on the same rounds. */
    public double medianFixedSeconds() {
      return Median.withDefaults()
          .evaluate(rows.stream().mapToDouble(Row::medianSecondsFixed).toArray());
    }
  }

  /** Progress: which run starts, and the comparison's own. */
  public interface Listener extends AbComparison.Listener {
    default void runStarted(Scenario scenario, int index, int total) {}

    default void runDone(Run run) {}

    default void forkPairStarted(JmhOptions jmh) {}
  }

  private final Settings settings;
  private final AbComparison comparison;

  public Calibration(Settings settings) {
    this.settings = settings;
    this.comparison = new AbComparison(settings.compare().withSequential(false));
  }

  /**
   * Runs every scenario on variants of {@code build}, replaying the fixtures of {@code specFile}.
   */
  public Report run(Classpath build, Path specFile, Listener listener, PrintWriter log)
      throws IOException, BenchFailedException, UsageException {
    Map<Integer, Classpath> jars = variants(build);
    List<Scenario> scenarios = scenarios(settings.aaRuns(), settings.changes(), settings.repeat());
    List<Run> runs = new ArrayList<>();
    // With keepWarm, a scenario's A side stays warm from the decision before, as the loop's best.
    try (WarmJvms jvms = WarmJvms.of(settings.keepWarm())) {
      AbComparison comparison = new AbComparison(this.comparison.settings(), jvms);
      for (int i = 0; i < scenarios.size(); i++) {
        Scenario s = scenarios.get(i);
        listener.runStarted(s, i + 1, scenarios.size());
        // A/A compares two distinct copies, so each side has a variant (and class loader) of its
        // own.
        Classpath a = jars.get(s.knobA());
        Classpath b = s.aa() ? jars.get(-1) : jars.get(s.knobB());
        CompareOutcome outcome =
            comparison.run(
                new AbComparison.Build("knob " + s.knobA(), a, specFile),
                new AbComparison.Build("knob " + s.knobB(), b, specFile),
                listener,
                log);
        Run run = decide(s, outcome.replicates());
        runs.add(run);
        listener.runDone(run);
      }
    }
    double forkPair =
        settings.forkReference()
            ? forkPairSeconds(jars.get(0), jars.get(-1), specFile, listener, log)
            : Double.NaN;
    return report(runs, forkPair);
  }

  /**
   * The decisions in the order they run. Each change runs as a pair, slower then faster, and the
   * A/A decisions are spread evenly among the pairs, never first: so a drift of the machine over
   * the run touches every scenario, and with keepWarm every decision after the first finds its A
   * side warm, as the loop's best is, in JVMs that have run other candidates (the faster side of a
   * pair swaps roles with the slower one, as a kept candidate becomes the best).
   */
  static List<Scenario> scenarios(int aaRuns, List<Integer> changeSizes, int repeat) {
    List<List<Scenario>> pairs = new ArrayList<>();
    for (int k : changeSizes) {
      for (int r = 0; r < repeat; r++) {
        pairs.add(List.of(new Scenario("+" + k + "%", 0, k), new Scenario("-" + k + "%", k, 0)));
      }
    }
    int n = aaRuns + pairs.size();
    List<Scenario> order = new ArrayList<>();
    Iterator<List<Scenario>> next = pairs.iterator();
    for (int i = 0; i < n; i++) {
      // The j-th A/A goes where (i + 1) * aaRuns / n reaches j: evenly, and after a pair.
      if ((i + 1) * aaRuns / n > i * aaRuns / n) {
        order.add(new Scenario("A/A", 0, 0));
      } else {
        order.addAll(next.next());
      }
    }
    return order;
  }

  /**
   * Times one JMH fork of each side, as the forks design runs them, for the fixed design's time per
   * decision.
   */
  private double forkPairSeconds(
      Classpath a, Classpath b, Path specFile, Listener listener, PrintWriter log)
      throws IOException, BenchFailedException, UsageException {
    CompareSettings c = settings.compare();
    JmhOptions oneFork = c.jmh().withForks(1);
    listener.forkPairStarted(oneFork);
    long start = System.nanoTime();
    for (Classpath side : List.of(a, b)) {
      JmhRunner.run(side, specFile, c.cases(), oneFork, c.workDir().resolve("fork-pair"), log);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** The report for runs already made (also what tests drive with synthetic replicates). */
  public Report report(List<Run> runs, double forkPairSeconds) {
    return new CalibrationAnalysis(settings, comparison).report(runs, forkPairSeconds);
  }

  /** Both designs' decisions on the rounds of one real run. */
  Run decide(Scenario s, List<Replicate> replicates) {
    int max = settings.compare().maxReplicates();
    List<Replicate> all = replicates.subList(0, Math.min(max, replicates.size()));
    SequentialPlan.Step step =
        comparison
            .sequentialDecision(all)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the plan did not decide on " + all.size() + " replicates"));
    Assessment fixed = comparison.fixedDecision(all);
    return new Run(
        s,
        all,
        step,
        all.get(step.look() - 1).endSeconds(),
        fixed,
        all.get(all.size() - 1).endSeconds());
  }

  /**
   * The base build's variants: -1 and 0 are two copies at the base value, k the knob at base + k.
   */
  private Map<Integer, Classpath> variants(Classpath build) throws IOException, UsageException {
    String current = PropertyVariant.read(build, settings.resource(), settings.key());
    if (current == null) {
      throw new UsageException(
          "the build has no "
              + settings.key()
              + " in "
              + settings.resource()
              + "; calibration injects changes through an output-neutral knob (--knob)");
    }
    int base;
    try {
      base = Integer.parseInt(current.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(settings.key() + " must be an integer knob, is '" + current + "'");
    }
    Files.createDirectories(settings.dir());
    Map<Integer, Classpath> variants = new LinkedHashMap<>();
    variants.put(-1, write(build, "base-copy", base));
    variants.put(0, write(build, "base", base));
    for (int k : settings.changes()) {
      variants.put(k, write(build, "knob-" + k, base + k));
    }
    return variants;
  }

  private Classpath write(Classpath build, String name, int value) throws IOException {
    return PropertyVariant.write(
        build,
        settings.dir().resolve(name),
        settings.resource(),
        settings.key(),
        Integer.toString(value));
  }
}

package dev.tuner.lab;

import dev.tuner.decide.Aggregate;
import dev.tuner.decide.CaseFork;
import dev.tuner.decide.Criterion;
import dev.tuner.decide.DecisionRule;
import dev.tuner.decide.Pairing;
import dev.tuner.decide.SequentialPlan;
import dev.tuner.decide.SequentialPlan.Action;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.apache.commons.statistics.descriptive.Median;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lab rules}: the real decisions of calibrations, decided again under other keep rules. Each
 * decision's rounds are read as measured, in their order, through the variant's looks: the same
 * trials under every rule, so their keep rates compare at the same noise, and a rule's false keeps
 * are counted on the same A/A decisions as its power.
 */
@Command(
    name = "rules",
    description = {
      "Decide the real decisions in tuner calibrate's report.json files again, under each"
          + " combination of the rules given (criterion, delta, tail margin, looks), and print how"
          + " many each keeps per scenario. Decisions of the same scenario in several reports are"
          + " pooled. Measures nothing.",
      "Also prints the noise that limits power: the spread of one round's log B/A of p50 and p95"
          + " over the A/A rounds (1.4826 x the median absolute deviation), and the rounds a"
          + " change would need, by a normal approximation, to be kept at 80%% power."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:decided",
      "2:a bad option, or a report that is not one (missing a field, fewer rounds than a look)",
      "3:a report cannot be read"
    })
final class RulesCommand implements Callable<Integer> {

  /** The scenario of equal builds, as calibrate names it. */
  private static final String AA = "A/A";

  @CommandLine.Mixin HelpOption help;

  @Parameters(
      arity = "1..*",
      paramLabel = "REPORT",
      description =
          "report.json files written by tuner calibrate (.tuner/calibrate/report.json), or gzipped"
              + " copies (.gz).")
  List<Path> reports = new ArrayList<>();

  @Option(
      names = "--criterion",
      split = ",",
      paramLabel = "RULE",
      description =
          "Criteria to decide by (default: both, both-improved and"
              + " median-improved-tail-not-worse).")
  List<String> criteria = new ArrayList<>();

  @Option(
      names = "--threshold",
      split = ",",
      paramLabel = "DELTA",
      description = "Values of delta, as fractions (default: the first report's).")
  List<Double> thresholds = new ArrayList<>();

  @Option(
      names = "--tail-margin",
      split = ",",
      paramLabel = "FRACTION",
      description =
          "Tail margins for median-improved-tail-not-worse (default: the first report's).")
  List<Double> tailMargins = new ArrayList<>();

  @Option(
      names = "--looks",
      paramLabel = "N,N...",
      description =
          "A plan's looks in rounds per side, repeatable: one plan each (default: the first"
              + " report's). No look may need more rounds than a decision has.")
  List<String> plans = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec command;

  private final PrintWriter out;

  RulesCommand(PrintWriter out) {
    this.out = out;
  }

  /** One rule to decide by, and how many it keeps per scenario. */
  private record Variant(DecisionRule rule, Map<String, int[]> kept) {}

  @Override
  public Integer call() throws Exception {
    List<RecordedDecisions> all = new ArrayList<>();
    for (Path report : reports) {
      all.add(RecordedDecisions.read(report));
    }
    RecordedDecisions first = all.get(0);
    for (RecordedDecisions r : all) {
      if (r.paired() != first.paired()) {
        throw usage(r.file() + " has the other design than " + first.file() + ": not pooled");
      }
    }
    Pairing pairing = first.paired() ? Pairing.PAIRED : Pairing.INDEPENDENT;
    List<List<Integer>> looks = plans.isEmpty() ? List.of(first.looks()) : parsePlans();
    int fewest = all.stream().mapToInt(RecordedDecisions::fewestRounds).min().orElseThrow();
    for (List<Integer> plan : looks) {
      if (plan.get(plan.size() - 1) > fewest) {
        throw usage("looks " + plan + " need more rounds than the shortest decision's " + fewest);
      }
    }
    List<RecordedDecisions.Decision> decisions =
        all.stream().flatMap(r -> r.decisions().stream()).toList();
    // A/A first, as calibrate prints them, then the changes in the order they first ran.
    Map<String, Integer> scenarios = new LinkedHashMap<>();
    decisions.stream()
        .sorted(Comparator.comparing(d -> !d.scenario().equals(AA)))
        .forEach(d -> scenarios.merge(d.scenario(), 1, Integer::sum));

    for (RecordedDecisions r : all) {
      out.printf(
          Locale.ROOT,
          "%s: %d decisions, looks %s, delta %s, alpha %s, %s%n",
          r.file(),
          r.decisions().size(),
          r.looks(),
          percent(r.threshold()),
          percent(r.alpha()),
          r.criterion().label());
    }
    noise(decisions, first.threshold());

    List<Variant> variants = new ArrayList<>();
    for (Criterion c : criteria()) {
      for (double delta : thresholds.isEmpty() ? List.of(first.threshold()) : thresholds) {
        // both-improved reads no margin: one row, not one per margin.
        boolean readsMargin = c == Criterion.MEDIAN_IMPROVED_TAIL_NOT_WORSE;
        for (double margin :
            readsMargin && !tailMargins.isEmpty() ? tailMargins : List.of(first.tailMargin())) {
          for (List<Integer> plan : looks) {
            DecisionRule rule =
                DecisionRule.defaults()
                    .withAlpha(first.alpha())
                    .withThreshold(delta)
                    .withLooks(plan)
                    .withCriterion(c, margin);
            variants.add(decide(rule, pairing, decisions));
          }
        }
      }
    }
    print(variants, scenarios);
    return 0;
  }

  private Variant decide(
      DecisionRule rule, Pairing pairing, List<RecordedDecisions.Decision> decisions) {
    SequentialPlan plan;
    try {
      plan = new SequentialPlan(rule, pairing);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    Map<String, int[]> kept = new LinkedHashMap<>();
    for (RecordedDecisions.Decision d : decisions) {
      int[] counts = kept.computeIfAbsent(d.scenario(), s -> new int[2]);
      // Every decision has the plan's last look (checked before), where the plan always decides.
      SequentialPlan.Step step = plan.decide(d.a(), d.b()).orElseThrow();
      counts[0] += step.action() == Action.KEEP ? 1 : 0;
      counts[1] += step.look();
    }
    return new Variant(rule, kept);
  }

  private void print(List<Variant> variants, Map<String, Integer> scenarios) {
    StringBuilder format = new StringBuilder("%-31s %6s %6s  %-14s");
    List<Object> header = new ArrayList<>(List.of("criterion", "delta", "tail", "looks"));
    scenarios.forEach(
        (name, n) -> {
          format.append(" %10s");
          header.add(name + " (" + n + ")");
        });
    format.append("  %s%n");
    header.add("mean look");
    out.println();
    out.println(
        "kept / decisions per scenario; mean look = rounds per side the plan read, by scenario");
    out.printf(Locale.ROOT, format.toString(), header.toArray());
    for (Variant v : variants) {
      DecisionRule r = v.rule();
      List<Object> row = new ArrayList<>();
      row.add(r.criterion().label());
      row.add(percent(r.threshold()));
      row.add(r.criterion() == Criterion.BOTH_IMPROVED ? "-" : percent(r.tailMargin()));
      row.add(r.looks().toString().replace(" ", ""));
      StringBuilder looks = new StringBuilder();
      scenarios.forEach(
          (name, n) -> {
            int[] c = v.kept().get(name);
            row.add(c[0] + "/" + n);
            looks
                .append(looks.length() == 0 ? "" : " ")
                .append(String.format(Locale.ROOT, "%.1f", (double) c[1] / n));
          });
      row.add(looks.toString());
      out.printf(Locale.ROOT, format.toString(), row.toArray());
    }
  }

  /** The A/A rounds' spread, and the rounds a 2 % and a 5 % change would need at 80 % power. */
  private void noise(List<RecordedDecisions.Decision> decisions, double delta) {
    List<double[]> p50 = new ArrayList<>();
    List<double[]> p95 = new ArrayList<>();
    for (RecordedDecisions.Decision d : decisions) {
      if (d.scenario().equals(AA)) {
        p50.add(logRatios(d, CaseFork::p50));
        p95.add(logRatios(d, CaseFork::p95));
      }
    }
    if (p50.isEmpty()) {
      out.println("no A/A decisions: no noise to report");
      return;
    }
    double s50 = robustSd(p50);
    double s95 = robustSd(p95);
    out.printf(
        Locale.ROOT,
        "%nnoise of one round, A/A (%d rounds): log B/A of p50 %.2f%%, of p95 %.2f%%%n",
        p50.stream().mapToInt(x -> x.length).sum(),
        100 * s50,
        100 * s95);
    // A one-sided test at z = 2.71 (a third of α = 1 %) against δ, power 80 % (z = 0.84); the
    // signed-rank test needs π/3 times the rounds a t-test does on normal data.
    for (double change : List.of(0.02, 0.05)) {
      double margin = Math.log1p(-delta) - Math.log1p(-change);
      double rounds = Math.pow((2.71 + 0.84) * s50 / margin, 2) * Math.PI / 3;
      out.printf(
          Locale.ROOT,
          "rounds for 80%% power on p50 alone, a %s change at delta %s: %.0f%n",
          percent(change),
          percent(delta),
          rounds);
    }
  }

  private static double[] logRatios(
      RecordedDecisions.Decision d, ToDoubleFunction<CaseFork> metric) {
    double[] a = Aggregate.geometricMeans(d.a(), metric);
    double[] b = Aggregate.geometricMeans(d.b(), metric);
    double[] r = new double[a.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = Math.log(b[i] / a[i]);
    }
    return r;
  }

  private static double robustSd(List<double[]> groups) {
    double[] all = groups.stream().flatMapToDouble(Arrays::stream).toArray();
    double median = Median.withDefaults().evaluate(all);
    double[] deviations = Arrays.stream(all).map(x -> Math.abs(x - median)).toArray();
    return 1.4826 * Median.withDefaults().evaluate(deviations);
  }

  private List<Criterion> criteria() {
    if (criteria.isEmpty()) {
      return List.of(Criterion.values());
    }
    List<Criterion> chosen = new ArrayList<>();
    for (String label : criteria) {
      chosen.add(
          RecordedDecisions.criterionNamed(label)
              .orElseThrow(
                  () ->
                      usage(
                          "--criterion must be both-improved or median-improved-tail-not-worse,"
                              + " not '"
                              + label
                              + "'")));
    }
    return chosen;
  }

  private List<List<Integer>> parsePlans() {
    List<List<Integer>> parsed = new ArrayList<>();
    for (String plan : plans) {
      try {
        parsed.add(Arrays.stream(plan.split(",")).map(s -> Integer.valueOf(s.trim())).toList());
      } catch (NumberFormatException e) {
        throw usage("--looks '" + plan + "' is not a list of whole numbers like 9,16,24");
      }
    }
    return parsed;
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(command.commandLine(), message);
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
  }
}

package dev.tuner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuner.bench.Calibration;
import dev.tuner.bench.CompareSettings;
import dev.tuner.bench.PowerChart;
import dev.tuner.bench.Replicate;
import dev.tuner.harness.ExitCode;
import dev.tuner.io.Classpath;
import dev.tuner.io.CpuLoad;
import dev.tuner.io.Dirs;
import dev.tuner.io.Json;
import dev.tuner.spec.BenchmarkSpec.Design;
import dev.tuner.spec.TunerSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

// Over 300 lines: calibrate's options and the tables it prints, which mirror the Calibration report
// field by field.
@Command(
    name = "calibrate",
    description = {
      "Measure, on this machine, how often the keep rule keeps a change that is not there (false"
          + " keeps) and how often it keeps one that is (power).",
      "Builds once and runs the build with an output-neutral knob changed (default: the"
          + " example's calibration.extraWorkPercent in tuning.properties, busy work as a"
          + " percentage of each request's local work). Runs --aa real A/A comparisons (the"
          + " build against a copy of itself), then for each --changes value k one comparison"
          + " with B slower by k (must never be kept) and one with B faster by k (power). Each runs"
          + " to the last look, so the sequential plan and the fixed design are read off the same"
          + " rounds, side by side. Rates come from --splits bootstrap resamples of whole rounds; a"
          + " grid of delta and rounds, resampled the same way, gives the recommendation. The knob"
          + " is a share of local work, so the measured effect on p50 and p95 of each change is"
          + " printed next to it.",
      "Prints a table and writes .tuner/calibrate/report.txt and report.json (every round of every"
          + " run)."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:calibrated",
      "2:bad spec or option, or the build has no such knob",
      "3:the build failed, or a benchmark JVM failed"
    })
final class CalibrateCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = Json.pretty();

  @Mixin Project project;

  @Mixin CaseSelection cases;

  @Mixin ComparisonOverrides.WithReplicates overrides;

  @Option(
      names = "--aa",
      paramLabel = "N",
      defaultValue = "3",
      converter = Bounds.Positive.class,
      description = "Real A/A comparisons (default: ${DEFAULT-VALUE}).")
  int aaRuns;

  @Option(
      names = "--changes",
      paramLabel = "K",
      split = ",",
      defaultValue = "1,2,5,10",
      converter = Bounds.Positive.class,
      description =
          "Knob values injected, each as a slowdown and an improvement (default:"
              + " ${DEFAULT-VALUE}).")
  List<Integer> changes;

  @Option(
      names = "--repeat",
      paramLabel = "R",
      defaultValue = "1",
      converter = Bounds.Positive.class,
      description =
          "Real comparisons per --changes value and direction (default: ${DEFAULT-VALUE}); each is"
              + " one decision, counted with its exact 95%% interval.")
  int repeat;

  @Option(
      names = "--load",
      paramLabel = "N",
      defaultValue = "0",
      converter = Bounds.NonNegative.class,
      description =
          "Keep N cores busy while calibrating, with processes tuner starts and stops itself"
              + " (default: ${DEFAULT-VALUE}).")
  int load;

  @Option(
      names = "--splits",
      paramLabel = "N",
      defaultValue = "1000",
      converter = Bounds.Positive.class,
      description = "Bootstrap resamples per scenario (default: ${DEFAULT-VALUE}).")
  int splits;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "Seed of the resampling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--knob",
      paramLabel = "RESOURCE:KEY",
      defaultValue = "tuning.properties:calibration.extraWorkPercent",
      converter = Knob.Converter.class,
      description =
          "The output-neutral integer knob in a properties resource of the build (default:"
              + " ${DEFAULT-VALUE}).")
  Knob knob;

  @Option(
      names = "--target-power",
      paramLabel = "P",
      defaultValue = "0.9",
      converter = Bounds.Probability.class,
      description = "Power the recommendation asks for (default: ${DEFAULT-VALUE}).")
  double targetPower;

  @Option(
      names = "--target-effect",
      paramLabel = "E",
      defaultValue = "0.05",
      converter = Bounds.Fraction.class,
      description = "The smallest change of p50 and p95 it must catch (default: ${DEFAULT-VALUE}).")
  double targetEffect;

  @Option(
      names = "--fork-reference",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Also time one JMH fork of each side with the spec's JMH settings, to put the sequential"
              + " plan's time per decision next to a fixed design of 10 + 10 forks (default: on).")
  boolean forkReference;

  @Option(
      names = "--keep-warm",
      negatable = true,
      description =
          "Keep the two benchmark JVMs from one decision to the next, each decision's A side warm"
              + " from the one before and only B warming up, as optimize does with"
              + " benchmark.compare.keepWarm (default: benchmark.compare.keepWarm).")
  Boolean keepWarm;

  @Spec CommandSpec commandSpec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = commandSpec.commandLine().getOut();
    PrintWriter err = commandSpec.commandLine().getErr();
    TunerSpec spec = project.spec();
    List<String> ids = cases.select(spec);
    Path dir = project.root().resolve(".tuner").resolve("calibrate");
    Path work = Files.createTempDirectory("tuner-calibrate");
    try {
      CompareSettings compare = overrides.over(CompareSettings.of(spec, ids, work));
      Calibration.Settings settings =
          new Calibration.Settings(
              compare,
              aaRuns,
              changes,
              repeat,
              splits,
              seed,
              knob.resource(),
              knob.key(),
              targetPower,
              targetEffect,
              dir.resolve("variants"),
              forkReference,
              keepWarm != null ? keepWarm : spec.benchmark().compare().keepWarm());
      Classpath build = project.build(spec, err);
      err.printf(
          Locale.ROOT,
          "calibrating %s: %s design, looks at %s, %s, delta %.3g%%, alpha %.3g%%, %d cases%n",
          project.root(),
          compare.design().label(),
          compare.rule().looks(),
          compare.design() == Design.INTERLEAVED
              ? compare.opsPerRound() + " ops per round"
              : "JMH forks",
          100 * compare.rule().threshold(),
          100 * compare.rule().alpha(),
          ids.size());
      if (load > 0) {
        err.printf(Locale.ROOT, "under load: %d busy process(es) beside the benchmark%n", load);
      }
      err.flush();
      Calibration.Report report;
      long start = System.nanoTime();
      try (CpuLoad busy = CpuLoad.start(load)) {
        report =
            new Calibration(settings)
                .run(build, project.specFile.toAbsolutePath(), new Progress(err), err);
      }
      double minutes = (System.nanoTime() - start) / 60e9;
      StringWriter text = new StringWriter();
      try (PrintWriter table = new PrintWriter(text)) {
        print(settings, report, table);
      }
      out.print(text);
      out.flush();
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("report.txt"), text.toString());
      ObjectNode json = json(settings, report);
      json.put("load", load);
      json.put("minutes", minutes);
      JSON.writeValue(dir.resolve("report.json").toFile(), json);
      PowerChart.write(report, load, dir.resolve("power.png"));
      err.printf(
          Locale.ROOT,
          "calibrated in %.1f min; wrote %s, report.json and power.png%n",
          minutes,
          dir.resolve("report.txt"));
      return ExitCode.OK;
    } finally {
      Dirs.deleteTree(work);
    }
  }

  /** {@code --knob RESOURCE:KEY}: an integer property in a properties resource of the build. */
  record Knob(String resource, String key) {

    static final class Converter implements ITypeConverter<Knob> {
      @Override
      public Knob convert(String value) {
        String[] parts = value.split(":", 2);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
          throw new TypeConversionException("expected RESOURCE:KEY, got '" + value + "'");
        }
        return new Knob(parts[0], parts[1]);
      }
    }
  }

  static void print(Calibration.Settings settings, Calibration.Report report, PrintWriter out) {
    CompareSettings c = settings.compare();
    String unit = c.design() == Design.INTERLEAVED ? "rounds" : "forks";
    out.printf(
        Locale.ROOT,
        "%s design, looks at %s %s per side, delta %.3g%%, alpha %.3g%%, %s, %s quantiles, %s"
            + " clock; %d bootstrap splits per scenario%n%n",
        c.design().label(),
        c.rule().looks(),
        unit,
        100 * c.rule().threshold(),
        100 * c.rule().alpha(),
        c.rule().criterion().label(),
        c.quantiles().label(),
        c.clock().label(),
        settings.splits());
    out.println("keep rate: A/A = false keeps; +k (B slower) must be 0; -k (B faster) = power");
    out.println(
        "real: the sequential plan's decisions, kept/decisions with the exact (Clopper-Pearson) 95%"
            + " interval; seq/fix: resampled rates");
    String format = "%-9s %-8s %4s  %8s %8s  %-22s %11s  %9s %9s  %9s %9s%n";
    out.printf(
        Locale.ROOT,
        format,
        "scenario",
        "knob A>B",
        "runs",
        "p50 B/A",
        "p95 B/A",
        "real kept [95% CI]",
        "kept fixed",
        "rate seq",
        "rate fix",
        "s/dec seq",
        "s/dec fix");
    for (Calibration.Row r : report.rows()) {
      out.printf(
          Locale.ROOT,
          format,
          r.scenario().name(),
          r.scenario().knobA() + ">" + r.scenario().knobB(),
          r.runs(),
          String.format(Locale.ROOT, "%.4f", r.p50Effect()),
          String.format(Locale.ROOT, "%.4f", r.p95Effect()),
          String.format(
              Locale.ROOT,
              "%d/%d [%.1f, %.1f]%%",
              r.realKeepsSequential(),
              r.runs(),
              100 * r.keptLow(),
              100 * r.keptHigh()),
          r.realKeepsFixed() + "/" + r.runs(),
          percent(r.keepRateSequential()),
          percent(r.keepRateFixed()),
          String.format(Locale.ROOT, "%.0f", r.medianSecondsSequential()),
          String.format(Locale.ROOT, "%.0f", r.medianSecondsFixed()));
    }
    out.printf(
        Locale.ROOT,
        "%nmean look of the sequential plan per scenario: %s%n",
        String.join(
            ", ",
            report.rows().stream()
                .map(
                    r ->
                        r.scenario().name()
                            + " "
                            + String.format(Locale.ROOT, "%.1f", r.meanLookSequential()))
                .toList()));
    out.printf(
        Locale.ROOT,
        "time per decision, median over scenarios: sequential plan %.0f s; fixed design on the same"
            + " %s (%d per side) %.0f s",
        report.medianSequentialSeconds(),
        unit,
        c.maxReplicates(),
        report.medianFixedSeconds());
    if (!Double.isNaN(report.forkPairSeconds())) {
      out.printf(
          Locale.ROOT,
          "; fixed 10 + 10 JMH forks %.0f s (one fork pair measured: %.0f s); sequential / fixed"
              + " forks = %.2f",
          report.fixedForksSeconds(10),
          report.forkPairSeconds(),
          report.medianSequentialSeconds() / report.fixedForksSeconds(10));
    }
    out.println();
    out.printf(
        Locale.ROOT,
        "%nfixed design resampled over delta and %s per side (false keeps from A/A; power per"
            + " improvement):%n",
        unit);
    List<String> improvements =
        report.grid().isEmpty()
            ? List.of()
            : new ArrayList<>(report.grid().get(0).power().keySet());
    StringBuilder header =
        new StringBuilder(
            String.format(Locale.ROOT, "%-7s %6s  %10s", "delta", unit, "false keep"));
    improvements.forEach(name -> header.append(String.format(Locale.ROOT, "  %8s", name)));
    out.println(header);
    for (Calibration.Cell cell : report.grid()) {
      StringBuilder line =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%-7s %6d  %10s",
                  String.format(Locale.ROOT, "%.1f%%", 100 * cell.threshold()),
                  cell.replicates(),
                  percent(cell.falseKeep())));
      improvements.forEach(
          name ->
              line.append(String.format(Locale.ROOT, "  %8s", percent(cell.power().get(name)))));
      out.println(line);
    }
    printVariants(out, report, c.rule().tailMargin());
    out.printf(Locale.ROOT, "%nrecommended: %s%n", report.recommendation());
    out.flush();
  }

  /** The real decisions again under each criterion and estimator, side by side. */
  private static void printVariants(PrintWriter out, Calibration.Report report, double margin) {
    out.printf(
        Locale.ROOT,
        "%nthe same real decisions under each criterion (tail margin %.1f%%), quantile estimator"
            + " and clock:%n",
        100 * margin);
    String format = "%-9s %-32s %-16s %-6s %s%n";
    out.printf(Locale.ROOT, format, "scenario", "criterion", "quantiles", "clock", "kept [95% CI]");
    for (Calibration.VariantRow r : report.variants()) {
      out.printf(
          Locale.ROOT,
          format,
          r.scenario(),
          r.criterion(),
          r.quantiles(),
          r.clock(),
          String.format(
              Locale.ROOT,
              "%d/%d [%.1f, %.1f]%%",
              r.keeps(),
              r.runs(),
              100 * r.low(),
              100 * r.high()));
    }
  }

  private static String percent(Double v) {
    return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  private static ObjectNode json(Calibration.Settings settings, Calibration.Report report) {
    ObjectNode root = JSON.createObjectNode();
    CompareSettings c = settings.compare();
    ObjectNode s = root.putObject("settings");
    s.put("design", c.design().label());
    s.set("looks", JSON.valueToTree(c.rule().looks()));
    s.put("threshold", c.rule().threshold());
    s.put("alpha", c.rule().alpha());
    s.put("ops_per_round", c.opsPerRound());
    s.put("warmup_seconds", c.warmupSeconds());
    s.put("warmup", c.warmup().label());
    s.put("criterion", c.rule().criterion().label());
    s.put("tail_margin", c.rule().tailMargin());
    s.put("quantiles", c.quantiles().label());
    s.put("clock", c.clock().label());
    s.put("new_jvms_after", c.newJvmsAfter());
    s.set("jvm_args", JSON.valueToTree(c.jvmArgs()));
    s.set("cases", JSON.valueToTree(c.cases()));
    s.put("splits", settings.splits());
    s.put("seed", settings.seed());
    root.set("rows", JSON.valueToTree(report.rows()));
    root.set("grid", JSON.valueToTree(report.grid()));
    root.set("variants", JSON.valueToTree(report.variants()));
    root.put("recommendation", report.recommendation());
    root.put("median_seconds_sequential", report.medianSequentialSeconds());
    root.put("median_seconds_fixed", report.medianFixedSeconds());
    if (!Double.isNaN(report.forkPairSeconds())) {
      root.put("fork_pair_seconds", report.forkPairSeconds());
      root.put("fixed_10_10_forks_seconds", report.fixedForksSeconds(10));
    }
    ArrayNode runs = root.putArray("runs");
    for (Calibration.Run run : report.runs()) {
      ObjectNode r = runs.addObject();
      r.set("scenario", JSON.valueToTree(run.scenario()));
      r.put("sequential", run.sequential().action().name().toLowerCase(Locale.ROOT));
      r.put("sequential_look", run.sequential().look());
      r.put("sequential_seconds", run.sequentialSeconds());
      r.put("fixed", run.fixed().keep() ? "keep" : "discard");
      r.put("fixed_reason", run.fixed().reason());
      r.put("fixed_seconds", run.fixedSeconds());
      ArrayNode reps = r.putArray("replicates");
      for (Replicate rep : run.replicates()) {
        ObjectNode n = reps.addObject();
        n.put("end_seconds", rep.endSeconds());
        n.set("a", JSON.valueToTree(rep.a().cases()));
        n.set("b", JSON.valueToTree(rep.b().cases()));
      }
    }
    return root;
  }

  /** One line per run, and the comparison's warm-up and replicates, on stderr. */
  private static final class Progress implements Calibration.Listener {
    private final PrintWriter err;
    private final CompareCommand.Progress replicates;

    Progress(PrintWriter err) {
      this.err = err;
      this.replicates = new CompareCommand.Progress(err);
    }

    @Override
    public void runStarted(Calibration.Scenario scenario, int index, int total) {
      err.printf(
          Locale.ROOT,
          "run %d/%d: %s (knob %d vs %d)%n",
          index,
          total,
          scenario.name(),
          scenario.knobA(),
          scenario.knobB());
      err.flush();
    }

    @Override
    public void runDone(Calibration.Run run) {
      err.printf(
          Locale.ROOT,
          "  sequential: %s at %d (%.0f s); fixed: %s (%.0f s); p50 B/A %.4f, p95 B/A %.4f%n",
          run.sequential().action(),
          run.sequential().look(),
          run.sequentialSeconds(),
          run.fixed().keep() ? "KEEP" : "DISCARD",
          run.fixedSeconds(),
          run.fixed().p50().ratio(),
          run.fixed().p95().ratio());
      err.flush();
    }

    @Override
    public void forkPairStarted(dev.tuner.bench.JmhOptions jmh) {
      err.println("timing one JMH fork of each side (the fixed design of forks' unit)");
      err.flush();
    }

    @Override
    public void replicate(Replicate r) {
      replicates.replicate(r);
    }
  }
}

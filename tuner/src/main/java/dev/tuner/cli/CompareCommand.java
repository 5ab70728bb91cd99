package dev.tuner.cli;

import dev.tuner.bench.CompareOutcome;

import dev.tuner.bench.CompareSettings;

import dev.tuner.error.UsageException;

import dev.tuner.harness.ExitCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuner.bench.AbComparison;
import dev.tuner.bench.CompareReport;
import dev.tuner.bench.Replicate;
import dev.tuner.io.Dirs;
import dev.tuner.build.Revisions;
import dev.tuner.decide.Aggregate;
import dev.tuner.decide.CaseFork;
import dev.tuner.decide.SequentialPlan;
import dev.tuner.io.Json;
import dev.tuner.spec.BenchmarkSpec.Design;
import dev.tuner.spec.TunerSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "compare",
    description = {
      "Measure revision B against revision A and say whether B is faster, with evidence.",
      "Each revision is built in a clone under .tuner/revisions/ (your working tree is never touched) with the"
          + " spec's build command. Then, by default (design interleaved), a JVM loads both artifacts, each in its"
          + " own class loader, and runs every case on A and B alternately, operation by operation; a round of"
          + " every case gives each case's p50 and p95 on both sides, and A's and B's numbers from one round are"
          + " a pair. Two such JVMs, the second with the builds' roles swapped, take turns round by round. With"
          + " --design forks, JMH forks of A and B alternate instead, each fork's own histogram giving the"
          + " quantiles.",
      "Per metric (p50, p95: per case, and over cases as a geometric mean; bytes per op) it prints the ratio"
          + " B/A, its interval, the p-value and a verdict: improved (the whole interval below 1 - delta),"
          + " regressed (above 1 + delta) or same; delta is metric.threshold. The decision keeps B only when p50"
          + " and p95 both improved and allocation did not regress. A sequential plan (benchmark.compare.looks)"
          + " stops as soon as the evidence decides; --fixed runs every replicate instead."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:compared (whatever the verdict)",
      "2:bad spec or option, unknown revision or case",
      "3:a build failed, or a benchmark JVM failed"
    })
final class CompareCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = Json.pretty();

  @Mixin Project project;

  @Parameters(index = "0", paramLabel = "REV_A", description = "The baseline: a commit, branch, tag or HEAD~n.")
  String revA;

  @Parameters(index = "1", paramLabel = "REV_B", description = "The candidate.")
  String revB;

  @Option(names = "--case", paramLabel = "ID", description = "Compare only this case (repeatable; default: every tune case).")
  List<String> cases = new ArrayList<>();

  @Option(names = "--design", paramLabel = "DESIGN",
      description = "interleaved (both builds in one JVM) or forks (JMH forks alternating); default: benchmark.compare.design.")
  String design;

  @Option(names = "--fixed", description = "Run every replicate of the last look and decide once, instead of sequentially.")
  boolean fixed;

  @Option(names = "--json", paramLabel = "FILE",
      description = "Also write per metric ratio, ci, p_value, verdict and forks, B/op and calls/op per side, and the raw replicates.")
  Path json;

  private final PrintWriter out;
  private final PrintWriter err;

  CompareCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    TunerSpec spec = project.spec();
    List<String> ids = Cases.select(spec, cases, false);
    Path specFile = project.specFile.toAbsolutePath();
    Revisions.Checkout a = Revisions.build(specFile, revA, spec.build(), err);
    Revisions.Checkout b = Revisions.build(specFile, revB, spec.build(), err);
    Path work = Files.createTempDirectory("tuner-compare");
    try {
      CompareSettings settings = CompareSettings.of(spec, ids, work).withSequential(!fixed);
      if (design != null) {
        Design d = parseDesign(design);
        settings = settings.withDesign(d, d == spec.benchmark().compare().design()
            ? spec.benchmark().compare().looks() : null);
      }
      AbComparison.Build buildA = new AbComparison.Build(label(revA, a), a.artifact(), a.specFile());
      AbComparison.Build buildB = new AbComparison.Build(label(revB, b), b.artifact(), b.specFile());
      err.printf(Locale.ROOT, "comparing %s with %s: %s, looks at %s, delta %.3g%%, alpha %.3g%%%n", buildA.label(),
          buildB.label(), settings.design().label(), settings.rule().looks(), 100 * settings.rule().threshold(),
          100 * settings.rule().alpha());
      err.flush();
      CompareOutcome outcome = new AbComparison(settings).run(buildA, buildB, new Progress(err), err);
      CompareReport report = new CompareReport(buildA, buildB, outcome);
      report.print(out);
      if (json != null) {
        Path file = json.toAbsolutePath();
        if (file.getParent() != null) {
          Files.createDirectories(file.getParent());
        }
        JSON.writeValue(file.toFile(), report.json());
        err.println("wrote " + file);
      }
      return ExitCode.OK;
    } finally {
      Dirs.deleteTree(work);
    }
  }

  static Design parseDesign(String value) throws UsageException {
    for (Design d : Design.values()) {
      if (d.label().equals(value)) {
        return d;
      }
    }
    throw new UsageException("--design must be interleaved or forks, got '" + value + "'");
  }

  private static String label(String rev, Revisions.Checkout c) {
    String shortId = c.commit().substring(0, 10);
    return rev.equals(c.commit()) || rev.equals(shortId) ? shortId : rev + " (" + shortId + ")";
  }

  /** One line per replicate and look on stderr. */
  static final class Progress implements AbComparison.Listener {
    private final PrintWriter err;

    Progress(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void warmup(int round, double seconds) {
      err.printf(Locale.ROOT, "  warm-up round %d (%.0f s)%n", round, seconds);
      err.flush();
    }

    @Override
    public void replicate(Replicate r) {
      double p50 = ratio(r, CaseFork::p50);
      double p95 = ratio(r, CaseFork::p95);
      err.printf(Locale.ROOT, "  replicate %d (%.0f s): p50 B/A %.4f, p95 B/A %.4f%n", r.index(), r.endSeconds(), p50,
          p95);
      err.flush();
    }

    @Override
    public void look(SequentialPlan.Step step) {
      err.printf(Locale.ROOT, "  look at %d: %s%s%n", step.look(), step.action(),
          step.evidence().map(e -> " (" + e.reason() + ")").orElse(""));
      err.flush();
    }

    private static double ratio(Replicate r, java.util.function.ToDoubleFunction<CaseFork> metric) {
      return Aggregate.geometricMeans(List.of(r.b()), metric)[0] / Aggregate.geometricMeans(List.of(r.a()), metric)[0];
    }
  }
}

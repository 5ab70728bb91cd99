package dev.tuner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuner.bench.AbComparison;
import dev.tuner.bench.CompareOutcome;
import dev.tuner.bench.CompareReport;
import dev.tuner.bench.CompareSettings;
import dev.tuner.bench.Replicate;
import dev.tuner.build.Revisions;
import dev.tuner.decide.Aggregate;
import dev.tuner.decide.CaseFork;
import dev.tuner.decide.SequentialPlan;
import dev.tuner.error.UsageException;
import dev.tuner.harness.ExitCode;
import dev.tuner.io.Dirs;
import dev.tuner.io.Json;
import dev.tuner.spec.TunerSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "compare",
    description = {
      "Measure revision B against revision A and say whether B is faster, with evidence.",
      "Each revision is built in a clone under .tuner/revisions/ (your working tree is never"
          + " touched) with the spec's build command. Then, by default (design interleaved), a JVM"
          + " loads both builds, each in its own class loader, and runs every case on A and B"
          + " alternately, operation by operation; a round of every case gives each case's p50 and"
          + " p95 on both sides, and A's and B's numbers from one round are a pair. Two such JVMs,"
          + " the second with the builds' roles swapped, take turns round by round. With --design"
          + " forks, JMH forks of A and B alternate instead, each fork's own histogram giving the"
          + " quantiles.",
      "Per metric (p50, p95: per case, and over cases as a geometric mean; bytes per op) it prints"
          + " the ratio B/A, its interval, the p-value and a verdict: improved (the whole interval"
          + " below 1 - delta), regressed (above 1 + delta) or same; delta is metric.threshold. The"
          + " decision keeps B only when p50 improved and p95 is not more than"
          + " benchmark.compare.tailMargin slower (or, with --criterion both-improved, improved"
          + " too), and allocation did not regress."
          + " A sequential plan (benchmark.compare.looks) stops as soon as the evidence decides;"
          + " --fixed runs every replicate instead."
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

  @Parameters(
      index = "0",
      paramLabel = "REV_A",
      description = "The baseline: a commit, branch, tag or HEAD~n.")
  String revA;

  @Parameters(index = "1", paramLabel = "REV_B", description = "The candidate.")
  String revB;

  @Mixin CaseSelection cases;

  @Mixin ComparisonOverrides overrides;

  @Option(
      names = "--fixed",
      description =
          "Run every replicate of the last look and decide once, instead of sequentially.")
  boolean fixed;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description =
          "Also write per metric ratio, ci, p_value, verdict and forks, B/op and calls/op per side,"
              + " and the raw replicates.")
  Path json;

  @Spec CommandSpec commandSpec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = commandSpec.commandLine().getOut();
    PrintWriter err = commandSpec.commandLine().getErr();
    TunerSpec spec = project.spec();
    List<String> ids = cases.select(spec);
    Path specFile = project.specFile.toAbsolutePath();
    checkRevisions(specFile);
    Path work = Files.createTempDirectory("tuner-compare");
    try {
      CompareSettings settings =
          overrides.over(CompareSettings.of(spec, ids, work)).withSequential(!fixed);
      Revisions.Checkout a = Revisions.build(specFile, revA, spec.build(), err);
      Revisions.Checkout b = Revisions.build(specFile, revB, spec.build(), err);
      AbComparison.Build buildA =
          new AbComparison.Build(label(revA, a), a.classpath(), a.specFile());
      AbComparison.Build buildB =
          new AbComparison.Build(label(revB, b), b.classpath(), b.specFile());
      err.printf(
          Locale.ROOT,
          "comparing %s with %s: %s, looks at %s, delta %.3g%%, alpha %.3g%%%n",
          buildA.label(),
          buildB.label(),
          settings.design().label(),
          settings.rule().looks(),
          100 * settings.rule().threshold(),
          100 * settings.rule().alpha());
      err.flush();
      CompareOutcome outcome =
          new AbComparison(settings).run(buildA, buildB, new Progress(err), err);
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

  /**
   * Refuses a revision the repository does not have before either is built: building A takes
   * minutes, and B's typo would only show after it.
   */
  private void checkRevisions(Path specFile) throws IOException, UsageException {
    FileRepositoryBuilder found =
        new FileRepositoryBuilder().findGitDir(specFile.getParent().toFile());
    if (found.getGitDir() == null) {
      throw new UsageException(
          specFile.getParent() + " is not in a git repository; compare builds revisions of it");
    }
    try (Repository repo = found.setMustExist(true).build()) {
      for (String rev : List.of(revA, revB)) {
        ObjectId id;
        try {
          id = repo.resolve(rev + "^{commit}");
        } catch (RevisionSyntaxException | AmbiguousObjectException e) {
          throw new UsageException(
              "revision '" + rev + "' in " + repo.getWorkTree() + ": " + e.getMessage(), e);
        }
        if (id == null) {
          throw new UsageException("unknown revision '" + rev + "' in " + repo.getWorkTree());
        }
      }
    }
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
      err.printf(
          Locale.ROOT,
          "  replicate %d (%.0f s): p50 B/A %.4f, p95 B/A %.4f%n",
          r.index(),
          r.endSeconds(),
          p50,
          p95);
      err.flush();
    }

    @Override
    public void look(SequentialPlan.Step step) {
      err.printf(
          Locale.ROOT,
          "  look at %d: %s%s%n",
          step.look(),
          step.action(),
          step.evidence().map(e -> " (" + e.reason() + ")").orElse(""));
      err.flush();
    }

    private static double ratio(Replicate r, java.util.function.ToDoubleFunction<CaseFork> metric) {
      return Aggregate.geometricMeans(List.of(r.b()), metric)[0]
          / Aggregate.geometricMeans(List.of(r.a()), metric)[0];
    }
  }
}

package dev.tuner.loop;

import dev.tuner.bench.BenchStage;
import dev.tuner.build.BuildStage;
import dev.tuner.commit.Repo;
import dev.tuner.harness.spec.Contract;
import dev.tuner.harness.spec.Split;
import dev.tuner.io.Classpath;
import dev.tuner.log.LogRecord;
import dev.tuner.log.Stats;
import dev.tuner.log.Status;
import dev.tuner.parity.ParityStage;
import dev.tuner.record.Recorder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The blind check when a run stops: the best against the starting point on the cases never tuned
 * against, parity first, then latency; one {@code holdout} record.
 *
 * <p>When the best fails parity there, a kept step overfitted the tune cases: the start and the
 * kept steps are replayed on the hold-out cases in order (parity only, no benchmark) to name the
 * first that fails them, branch {@code tuner/<tag>-holdout-ok} is left at the last best that passes
 * them, and the run fails with exit 1 ({@link HoldoutFailedException}).
 */
final class Holdout {

  /** What the check runs; a seam so the loop's tests need no build, harness fork or JMH. */
  interface Checks {

    /** Replays {@code cases} on {@code commit}'s artifact (built first if not cached). */
    ParityStage.Result parity(String label, String commit, List<String> cases) throws Exception;

    /** {@code best} against {@code base} on {@code cases}, as the keep rule decides. */
    BenchStage.Decision compare(String base, String best, List<String> cases) throws Exception;

    /** The stages of a run. */
    static Checks of(
        Path root,
        Repo repo,
        BuildStage build,
        ParityStage parity,
        BenchStage bench,
        Experiment experiment,
        Map<String, Contract> contracts,
        int buildSeconds) {
      return new Checks() {
        @Override
        public ParityStage.Result parity(String label, String commit, List<String> cases)
            throws Exception {
          Classpath kept = build.cached(commit);
          if (kept == null) {
            repo.resetHard(commit);
            BuildStage.Result built = build.build(label, commit, Duration.ofSeconds(buildSeconds));
            if (!built.passed()) {
              return new ParityStage.Result(built.elapsed(), built.stop());
            }
            kept = built.classpath();
          }
          return parity.check(label, kept, cases, contracts, Duration.ofMinutes(10));
        }

        @Override
        public BenchStage.Decision compare(String base, String best, List<String> cases)
            throws Exception {
          BenchStage.Build from = experiment.benchBuild(base, build.cached(base));
          BenchStage.Build to = experiment.benchBuild(best, build.cached(best));
          // Different JVM options are compared in separate JVMs (the forks design), which takes
          // longer.
          return bench.compare(
              root,
              from,
              to,
              cases,
              Duration.ofMinutes(from.jvmOptions().equals(to.jvmOptions()) ? 60 : 180));
        }
      };
    }
  }

  private final Checks checks;
  private final Repo repo;
  private final Recorder recorder;
  private final Console console;
  private final String tag;

  Holdout(Checks checks, Repo repo, Recorder recorder, Console console, String tag) {
    this.checks = checks;
    this.repo = repo;
    this.recorder = recorder;
    this.console = console;
    this.tag = tag;
  }

  /** The branch left at the last best that passes the hold-out cases when the best does not. */
  static String passingBranch(String tag) {
    return "tuner/" + tag + "-holdout-ok";
  }

  /**
   * Checks the best on the hold-out cases and logs it.
   *
   * @throws HoldoutFailedException when the best fails parity there (exit 1), naming the kept step
   *     that broke them and the branch at the last best that passes them
   */
  void check(RunState s) throws Exception {
    List<String> cases = s.cases(Split.HOLDOUT);
    if (cases.isEmpty()) {
      return;
    }
    console.holdoutStarts(cases, s.best, s.base);
    ParityStage.Result replayed = checks.parity("holdout", s.best, cases);
    if (!replayed.passed()) {
      fail(s, cases, replayed);
      return;
    }
    Map<String, Stats> stats = null;
    String verdict;
    String words;
    if (s.best.equals(s.base)) {
      verdict = "unchanged";
      words = "latency not compared: nothing was kept, the best is the start";
    } else {
      BenchStage.Decision d = checks.compare(s.base, s.best, cases);
      stats = d.stats();
      verdict = d.faster() ? "improved" : "not_improved";
      words = Console.latency(d, s.spec.metric().threshold());
    }
    recorder.append(
        new LogRecord.Holdout(
            s.segment,
            s.base,
            s.best,
            true,
            List.of(),
            stats,
            verdict,
            recorder.now(),
            null,
            null,
            null));
    console.holdoutHeld(cases.size(), words);
  }

  /** The best fails the hold-out cases: which kept step broke them, and where the last good is. */
  private void fail(RunState s, List<String> cases, ParityStage.Result atBest) throws Exception {
    console.holdoutFails(cases, atBest.stop());
    List<LogRecord.Experiment> kept =
        s.history.stream()
            .filter(e -> e.status() != Status.BASELINE && e.status().advancesBest())
            .toList();
    console.holdoutReplays(kept.size());
    LogRecord.Step passing = null;
    LogRecord.Step broken = null;
    ParityStage.Result atStart = checks.parity("holdout-run-0", s.base, cases);
    console.holdoutStep(0, s.base, "the start", atStart.passed(), false);
    if (atStart.passed()) {
      passing = new LogRecord.Step(0, s.base, "the start");
      for (int i = 0; i < kept.size() && broken == null; i++) {
        LogRecord.Experiment e = kept.get(i);
        LogRecord.Step step = new LogRecord.Step(e.run(), e.commit(), e.description());
        boolean isBest = i == kept.size() - 1 && e.commit().equals(s.best);
        // The best failed above; replay only the steps before it.
        boolean passed =
            !isBest && checks.parity("holdout-run-" + e.run(), e.commit(), cases).passed();
        console.holdoutStep(e.run(), e.commit(), e.description(), passed, isBest);
        if (passed) {
          passing = step;
        } else {
          broken = step;
        }
      }
    }
    String ref = null;
    if (passing != null) {
      ref = passingBranch(tag);
      repo.keepRef("refs/heads/" + ref, passing.commit());
    }
    List<String> failures = List.of(atBest.stop().reason(), atBest.stop().evidence());
    recorder.append(
        new LogRecord.Holdout(
            s.segment,
            s.base,
            s.best,
            false,
            failures.stream().filter(f -> f != null).toList(),
            null,
            "parity_failed",
            recorder.now(),
            broken,
            passing,
            ref));
    String message =
        HoldoutFailedException.message(cases, atBest.stop().reason(), broken, passing, ref);
    console.holdoutBroken(message);
    throw new HoldoutFailedException(message);
  }
}

package dev.tuner.loop;

import dev.tuner.bench.BenchStage;
import dev.tuner.build.BuildStage;
import dev.tuner.harness.spec.Split;
import dev.tuner.log.LogRecord;
import dev.tuner.log.Stats;
import dev.tuner.parity.ParityStage;
import dev.tuner.record.Recorder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The blind check when a run stops: the best against the starting point on the cases never tuned
 * against, parity first, then latency; one {@code holdout} record.
 */
final class Holdout {

  private final Path root;
  private final BuildStage build;
  private final ParityStage parity;
  private final BenchStage bench;
  private final Experiment experiment;
  private final Recorder recorder;
  private final Console console;

  Holdout(
      Path root,
      BuildStage build,
      ParityStage parity,
      BenchStage bench,
      Experiment experiment,
      Recorder recorder,
      Console console) {
    this.root = root;
    this.build = build;
    this.parity = parity;
    this.bench = bench;
    this.experiment = experiment;
    this.recorder = recorder;
    this.console = console;
  }

  void check(RunState s) throws Exception {
    List<String> cases = s.cases(Split.HOLDOUT);
    if (cases.isEmpty()) {
      return;
    }
    console.holdoutStarts(cases, s.best, s.base);
    ParityStage.Result replayed =
        parity.check("holdout", build.cached(s.best), cases, s.contracts(), Duration.ofMinutes(10));
    List<String> failures =
        replayed.passed()
            ? List.of()
            : List.of(replayed.stop().reason(), replayed.stop().evidence());
    Map<String, Stats> stats = null;
    String verdict;
    if (!replayed.passed()) {
      verdict = "parity_failed";
    } else if (s.best.equals(s.base)) {
      verdict = "unchanged";
    } else {
      BenchStage.Build from = experiment.benchBuild(s.base, build.cached(s.base));
      BenchStage.Build to = experiment.benchBuild(s.best, build.cached(s.best));
      // Different JVM options are compared in separate JVMs (the forks design), which takes longer.
      BenchStage.Decision d =
          bench.compare(
              root,
              from,
              to,
              cases,
              Duration.ofMinutes(from.jvmOptions().equals(to.jvmOptions()) ? 60 : 180));
      stats = d.stats();
      verdict = d.faster() ? "improved" : "not_improved";
    }
    recorder.append(
        new LogRecord.Holdout(
            s.segment,
            s.base,
            s.best,
            replayed.passed(),
            failures,
            stats,
            verdict,
            recorder.now()));
    console.holdoutDone(
        replayed.passed(),
        verdict,
        stats == null || stats.get("p95") == null ? null : stats.get("p95").ratio());
  }
}

package dev.tuner.loop;

import dev.tuner.commit.Repo;
import dev.tuner.decide.Criterion;
import dev.tuner.error.TunerException;
import dev.tuner.error.UsageException;
import dev.tuner.harness.fixture.Sha256;
import dev.tuner.log.ExperimentLog;
import dev.tuner.log.LogRecord;
import dev.tuner.record.Recorder;
import dev.tuner.scope.ScopeCheck;
import dev.tuner.spec.BenchmarkSpec;
import dev.tuner.spec.TunerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A new run: its branch {@code tuner/<tag>} from the checked-out commit of a clean tree, and the
 * config record that opens its segment of the log.
 */
final class Start {

  private Start() {}

  static RunState fresh(
      Path root,
      Repo repo,
      ExperimentLog log,
      Recorder recorder,
      TunerSpec spec,
      String tag,
      String proposerKind,
      Console console)
      throws TunerException, IOException {
    RunState s = new RunState(spec);
    s.userBranch = repo.currentBranch();
    var dirty = repo.changedFiles();
    if (!dirty.isEmpty()) {
      throw new UsageException(
          "the working tree has uncommitted changes or untracked files ("
              + ScopeCheck.summary(dirty)
              + "); commit or stash them first, so every try starts from a known commit");
    }
    s.branch = "tuner/" + tag;
    if (repo.branchExists(s.branch)) {
      throw new UsageException(
          "branch "
              + s.branch
              + " exists already; continue it with --resume or pick"
              + " another --tag");
    }
    s.base = repo.head();
    s.best = s.base;
    s.segment =
        log.read(console.writer()).stream()
                .filter(r -> r instanceof LogRecord.Config)
                .mapToInt(r -> ((LogRecord.Config) r).segment())
                .max()
                .orElse(0)
            + 1;
    repo.createAndCheckout(s.branch, s.base);
    recorder.append(
        new LogRecord.Config(
            s.segment,
            spec.name(),
            s.primaryName() + "_ms",
            "ms",
            "lower",
            Sha256.hex(Files.readAllBytes(root.resolve("tuner.yaml"))),
            s.branch,
            s.base,
            s.userBranch,
            proposerKind,
            recorder.now(),
            decision(spec)));
    console.started(s.branch, s.base, s.userBranch, root.relativize(log.file()));
    return s;
  }

  private static LogRecord.Decision decision(TunerSpec spec) {
    BenchmarkSpec.Compare c = spec.benchmark().compare();
    return new LogRecord.Decision(
        c.design().label(),
        c.criterion().label(),
        c.criterion() == Criterion.MEDIAN_IMPROVED_TAIL_NOT_WORSE ? c.tailMargin() : null,
        c.quantiles().label(),
        c.clock().label(),
        spec.metric().threshold(),
        c.alpha(),
        c.looks(),
        c.design() == BenchmarkSpec.Design.INTERLEAVED ? c.newJvmsAfter() : null);
  }
}

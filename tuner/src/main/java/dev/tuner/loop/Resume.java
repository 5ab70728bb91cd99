package dev.tuner.loop;

import dev.tuner.bench.BenchStage;
import dev.tuner.commit.Repo;
import dev.tuner.error.TunerException;
import dev.tuner.error.UsageException;
import dev.tuner.log.ExperimentLog;
import dev.tuner.log.LogRecord;
import dev.tuner.log.Status;
import dev.tuner.propose.Proposer;
import dev.tuner.scope.ScopeCheck;
import dev.tuner.spec.TunerSpec;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code tuner optimize --resume}: the last run's state rebuilt from its log alone (its branch,
 * best, phase, streaks and cost), the proposer told every try again, the tree reset to the best.
 */
final class Resume {

  private Resume() {}

  static RunState from(
      ExperimentLog log,
      Repo repo,
      TunerSpec spec,
      Proposer proposer,
      StopRules rules,
      Console console)
      throws TunerException, IOException {
    List<LogRecord> records = log.read(console.writer());
    LogRecord.Config config = null;
    for (LogRecord r : records) {
      if (r instanceof LogRecord.Config c) {
        config = c;
      }
    }
    if (config == null) {
      throw new UsageException("nothing to resume: " + log.file() + " has no run");
    }
    if (repo.clearStaleIndexLock()) {
      console.writer().println("  removed .git/index.lock, left by the killed run");
    }
    RunState s = new RunState(spec);
    s.segment = config.segment();
    s.branch = config.branch();
    s.base = config.base();
    s.userBranch = config.userBranch();
    s.best = config.base();
    String current = repo.currentBranch();
    var dirty = repo.changedFiles();
    if (!current.equals(s.branch) && !dirty.isEmpty()) {
      throw new UsageException(
          "the working tree has uncommitted changes ("
              + ScopeCheck.summary(dirty)
              + ") on "
              + current
              + "; commit or stash them before resuming "
              + s.branch);
    }
    for (LogRecord r : records) {
      if (r instanceof LogRecord.Experiment e && e.segment() == s.segment) {
        replay(s, e, rules);
        proposer.observe(e);
      }
    }
    if (!current.equals(s.branch)) {
      repo.checkout(s.branch);
    }
    repo.resetHard(s.best);
    console.resumed(s.branch, s.run, s.best);
    return s;
  }

  private static void replay(RunState s, LogRecord.Experiment e, StopRules rules) {
    s.history.add(e);
    s.run = Math.max(s.run, e.run());
    if (e.status() == Status.BASELINE) {
      s.baseline = measurementOf(e);
      s.bestNumbers = s.baseline;
      s.baselineTimes = e.wallS();
    } else {
      s.attempts++;
      rules.count(s, e.status());
    }
    if (e.status().advancesBest()) {
      s.advance(e.commit(), measurementOf(e), e.status() == Status.BASELINE ? null : e.stats());
    }
    if (e.proposer() != null && e.proposer().cost() != null) {
      s.cost += e.proposer().cost();
    }
    if (e.proposer() != null && e.proposer().tokensIn() != null && e.proposer().cost() == null) {
      s.costUnknown = e.proposer().model() == null ? e.proposer().kind() : e.proposer().model();
    }
  }

  private static BenchStage.Measurement measurementOf(LogRecord.Experiment e) {
    return new BenchStage.Measurement(
        e.metrics() == null ? Map.of() : e.metrics(),
        e.allocBytesPerOp() == null ? 0 : e.allocBytesPerOp(),
        Map.of());
  }
}

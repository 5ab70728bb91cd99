package dev.tuner.mcp;

import dev.tuner.bench.BenchStage;
import dev.tuner.bench.JmhBenchStage;
import dev.tuner.bench.Profiles;
import dev.tuner.build.BuildStage;
import dev.tuner.commit.Repo;
import dev.tuner.harness.spec.CaseSpec;
import dev.tuner.harness.spec.Split;
import dev.tuner.log.ExperimentLog;
import dev.tuner.log.LogRecord;
import dev.tuner.loop.LoopOptions;
import dev.tuner.loop.Optimizer;
import dev.tuner.spec.TunerSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The run an MCP client drives: {@link Optimizer} on a thread of its own, exactly as {@code tuner
 * optimize} runs it, with an {@link AgentProposer} that waits for the agent's proposals. One call
 * at a time changes it (start, evaluate, profile, stop); the others read the log.
 */
final class Session implements AutoCloseable {

  private final Path root;
  private final Path stateDir;
  private final TunerSpec spec;
  private final Path specFile;
  private final ProgressLines console;
  private final Clock clock;
  private final AtomicReference<Busy> busy = new AtomicReference<>();
  private volatile Run run;

  Session(Path root, TunerSpec spec, Path specFile, ProgressLines console, Clock clock) {
    this.root = root.toAbsolutePath().normalize();
    this.stateDir = this.root.resolve(Repo.STATE_DIR);
    this.spec = spec;
    this.specFile = specFile;
    this.console = console;
    this.clock = clock;
  }

  /** What a call is doing, so that a second one is told what it waits for. */
  private record Busy(String what, Instant since) {}

  /** A run under way: the loop's thread and how it ends. */
  record Run(
      String tag,
      LoopOptions options,
      AgentProposer proposer,
      Thread thread,
      CompletableFuture<Optimizer.Outcome> outcome,
      PrintWriter benchLog,
      BenchStage bench) {}

  /**
   * A budget given to {@code start}, over the spec's {@code optimize} section; null fields keep the
   * spec's.
   */
  record Budget(Integer maxExperiments, Integer maxMinutes, Double maxCostUsd, Integer plateau) {}

  TunerSpec spec() {
    return spec;
  }

  Path root() {
    return root;
  }

  ExperimentLog log() {
    return new ExperimentLog(stateDir.resolve("experiments.jsonl"));
  }

  Path ideasFile() {
    return stateDir.resolve("ideas.md");
  }

  /** Whether an {@code evaluate} call is under way. */
  boolean evaluating() {
    Busy b = busy.get();
    return b != null && b.what().equals("evaluate");
  }

  /** The run under way, or null. */
  Run run() {
    return run;
  }

  /**
   * Opens a run (branch, lock, config record, baseline) or resumes the last one, and returns once
   * the loop waits for the first proposal.
   */
  Run start(String tag, boolean resume, Budget budget, Progress progress)
      throws ToolFailure, InterruptedException {
    claim("start");
    try {
      Run current = run;
      if (current != null && !current.outcome().isDone()) {
        throw new ToolFailure(
            "a run is open already (tuner/"
                + current.tag()
                + "); call stop first: one run at a time per repository");
      }
      LoopOptions options = options(tag != null ? tag : resume ? lastTag() : newTag(), resume);
      options = budget(options, budget);
      AgentProposer proposer = new AgentProposer();
      PrintWriter benchLog = benchLog();
      BenchStage bench = new JmhBenchStage(spec, specFile, benchLog);
      Optimizer optimizer =
          new Optimizer(root, spec, options, proposer, bench, console.writer(), clock);
      CompletableFuture<Optimizer.Outcome> outcome = new CompletableFuture<>();
      Thread thread =
          new Thread(
              () -> {
                try {
                  outcome.complete(optimizer.run());
                } catch (Throwable e) {
                  outcome.completeExceptionally(e);
                } finally {
                  proposer.ended(
                      new IllegalStateException("the run ended before the try was logged"));
                  bench.close();
                  benchLog.close();
                }
              },
              "tuner-mcp-run");
      Run started = new Run(options.tag(), options, proposer, thread, outcome, benchLog, bench);
      console.listen(progress);
      try {
        thread.start();
        while (!proposer.awaitWaiting(500) && !outcome.isDone()) {
          // The baseline builds, checks and measures the start; progress reports each stage.
        }
      } finally {
        console.listen(null);
      }
      if (outcome.isCompletedExceptionally()) {
        throw new ToolFailure("the run did not start: " + ended(outcome));
      }
      // A resumed run whose budget is spent ends at once (with its hold-out check): it is kept as
      // the session's run, so evaluate says why it refuses and stop reports how it ended.
      run = started;
      return started;
    } finally {
      release();
    }
  }

  /**
   * One proposal through the whole gate; returns its log record once logged (kept, or reset to the
   * best).
   */
  LogRecord.Experiment evaluate(Submission s, Progress progress)
      throws ToolFailure, InterruptedException {
    claim("evaluate");
    try {
      Run r = open();
      console.listen(progress);
      try {
        while (!r.proposer().awaitWaiting(500)) {
          if (r.outcome().isDone()) {
            throw new ToolFailure(
                "the run has ended ("
                    + ended(r.outcome())
                    + "); evaluate refuses further tries: call stop for the result, or start a new"
                    + " run");
          }
        }
        CompletableFuture<LogRecord.Experiment> logged = r.proposer().submit(s);
        try {
          return logged.get();
        } catch (ExecutionException e) {
          throw new ToolFailure(
              "the try was not logged: "
                  + ended(r.outcome())
                  + "; the repository is back on the best: start {resume: true} continues the run");
        }
      } finally {
        console.listen(null);
      }
    } finally {
      release();
    }
  }

  /** The current best's hottest frames, from a short profiling run (cached per best). */
  String profile(String best, Progress progress) throws ToolFailure, IOException {
    claim("profile");
    try {
      Run r = open();
      console.listen(progress);
      try {
        BuildStage build = new BuildStage(root, stateDir, spec.build());
        StringWriter out = new StringWriter();
        String frames =
            new Profiles(stateDir.resolve("profiles"), root, r.bench(), new PrintWriter(out))
                .hotFrames(best, build.cached(best), cases(Split.TUNE));
        if (frames == null) {
          throw new ToolFailure("profiling the best failed: " + out.toString().strip());
        }
        return frames;
      } finally {
        console.listen(null);
      }
    } finally {
      release();
    }
  }

  /**
   * Ends the run: the loop stops at its next turn, checks the best on the hold-out cases, puts the
   * user's branch back and releases the lock.
   *
   * @return how it ended: its outcome, or the failure that ended it (a hold-out that fails parity)
   */
  Ended stop(String reason, Progress progress) throws ToolFailure, InterruptedException {
    claim("stop");
    try {
      Run r = open();
      console.listen(progress);
      try {
        r.proposer().stop(reason);
        r.thread().join();
      } finally {
        console.listen(null);
      }
      run = null;
      return Ended.of(r.outcome());
    } finally {
      release();
    }
  }

  /** How a run's loop ended. */
  record Ended(Optimizer.Outcome outcome, Throwable failure) {
    static Ended of(CompletableFuture<Optimizer.Outcome> f) {
      try {
        return new Ended(f.get(0, TimeUnit.SECONDS), null);
      } catch (ExecutionException e) {
        return new Ended(null, e.getCause());
      } catch (InterruptedException | TimeoutException e) {
        return new Ended(null, e);
      }
    }
  }

  /**
   * Cancels the {@code evaluate} under way, if any: its proposal is taken back, and the stage
   * running it is stopped, so the try is logged {@code cancelled} and the tree reset to the best.
   *
   * @return whether a try was under way
   */
  boolean cancel() {
    Run r = run;
    if (r == null || !r.proposer().withdraw()) {
      return false;
    }
    endStages(r);
    return true;
  }

  /**
   * The client is gone: a try under way is cancelled (and logged so), then the loop ends without a
   * hold-out check and puts the user's branch back, so the run can be resumed.
   */
  @Override
  public synchronized void close() throws InterruptedException {
    Run r = run;
    if (r != null) {
      r.proposer().disconnect();
      endStages(r);
      r.thread().join();
      run = null;
    }
  }

  /**
   * Ends the processes the try's stages run in (the build, the replay and benchmark JVMs: this
   * server's only children) until the loop has logged it, so a stage that starts just after the
   * cancel is stopped too. The loop's own work between stages (git, the log) is not interrupted, so
   * nothing is left half-written.
   */
  private static void endStages(Run r) {
    Thread t =
        new Thread(
            () -> {
              while (r.proposer().withdrawn() && r.proposer().trying() && r.thread().isAlive()) {
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "tuner-mcp-cancel");
    t.setDaemon(true);
    t.start();
  }

  List<String> cases(Split split) {
    return spec.cases().stream().filter(c -> c.split() == split).map(CaseSpec::id).toList();
  }

  private Run open() throws ToolFailure {
    Run r = run;
    if (r == null) {
      throw new ToolFailure(
          "no run is open: call start first (start {resume: true} continues the last run)");
    }
    return r;
  }

  private void claim(String what) throws ToolFailure {
    Busy now = new Busy(what, clock.instant());
    if (!busy.compareAndSet(null, now)) {
      Busy other = busy.get();
      throw new ToolFailure(
          (other == null ? "another call" : other.what())
              + " is under way"
              + (other == null
                  ? ""
                  : " (for " + Duration.between(other.since(), clock.instant()).toSeconds() + " s)")
              + "; tuner takes one "
              + what
              + " at a time on a run: wait for its result, then call again");
    }
  }

  private void release() {
    busy.set(null);
  }

  private static String ended(CompletableFuture<Optimizer.Outcome> outcome) {
    Ended e = Ended.of(outcome);
    if (e.outcome() != null) {
      return "stopped: " + e.outcome().stopReason();
    }
    Throwable t = e.failure();
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  private LoopOptions options(String tag, boolean resume) {
    return LoopOptions.from(spec.optimize(), tag, resume);
  }

  private static LoopOptions budget(LoopOptions o, Budget b) {
    if (b == null) {
      return o;
    }
    if (b.maxExperiments() != null) {
      o = o.withMaxExperiments(b.maxExperiments());
    }
    if (b.maxMinutes() != null) {
      o = o.withMaxWall(Duration.ofMinutes(b.maxMinutes()));
    }
    if (b.maxCostUsd() != null) {
      o = o.withMaxCostUsd(b.maxCostUsd());
    }
    if (b.plateau() != null) {
      o = o.withPlateau(b.plateau());
    }
    return o;
  }

  private static String newTag() {
    return "mcp-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
  }

  /** The last run's tag, from its config record, so a resumed run names its tries as before. */
  private String lastTag() throws ToolFailure {
    try {
      LogRecord.Config last = null;
      for (LogRecord r : log().read(new PrintWriter(new StringWriter()))) {
        if (r instanceof LogRecord.Config c) {
          last = c;
        }
      }
      if (last == null || last.branch() == null || !last.branch().startsWith("tuner/")) {
        throw new ToolFailure("nothing to resume: " + log().file() + " has no run");
      }
      return last.branch().substring("tuner/".length());
    } catch (IOException e) {
      throw new ToolFailure("cannot read " + log().file() + ": " + e.getMessage());
    }
  }

  private PrintWriter benchLog() throws ToolFailure {
    Path file = stateDir.resolve("logs/bench.log");
    try {
      Files.createDirectories(file.getParent());
      return new PrintWriter(
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
          true);
    } catch (IOException e) {
      throw new ToolFailure("cannot open " + file + ": " + e.getMessage());
    }
  }
}

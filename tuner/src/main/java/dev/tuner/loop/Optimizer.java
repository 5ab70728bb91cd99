package dev.tuner.loop;

import dev.tuner.bench.BenchStage;
import dev.tuner.bench.Profiles;
import dev.tuner.build.BuildStage;
import dev.tuner.commit.Repo;
import dev.tuner.error.UsageException;
import dev.tuner.harness.spec.Split;
import dev.tuner.log.ExperimentLog;
import dev.tuner.log.LogRecord;
import dev.tuner.log.ProposerInfo;
import dev.tuner.log.Status;
import dev.tuner.log.WallTime;
import dev.tuner.parity.ParityStage;
import dev.tuner.propose.PromptBuilder;
import dev.tuner.propose.Proposal;
import dev.tuner.propose.ProposeStage;
import dev.tuner.propose.Proposer;
import dev.tuner.record.Recorder;
import dev.tuner.record.Trial;
import dev.tuner.scope.FrozenFiles;
import dev.tuner.scope.ScopeCheck;
import dev.tuner.spec.Scope;
import dev.tuner.spec.TunerSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The optimisation loop, as a conductor: propose, then one {@link Experiment} (scope → commit →
 * build → parity → bench → decide), then record, keep or reset; until a budget or stop rule ends
 * the run, then the hold-out check. It works on its own branch {@code tuner/<tag>} and puts the
 * user's branch back when it stops.
 */
public final class Optimizer {

  private final Path root;
  private final Path stateDir;
  private final TunerSpec spec;
  private final LoopOptions options;
  private final Proposer proposer;
  private final BenchStage bench;
  private final Console console;
  private final Clock clock;
  private final ExperimentLog log;
  private final StopRules rules;

  public Optimizer(
      Path root,
      TunerSpec spec,
      LoopOptions options,
      Proposer proposer,
      BenchStage bench,
      PrintWriter out,
      Clock clock) {
    this.root = root.toAbsolutePath().normalize();
    this.stateDir = this.root.resolve(Repo.STATE_DIR);
    this.spec = spec;
    this.options = options;
    this.proposer = proposer;
    this.bench = bench;
    this.console = new Console(out);
    this.clock = clock;
    this.log = new ExperimentLog(stateDir.resolve("experiments.jsonl"));
    this.rules = new StopRules(options, clock, proposer.finiteQueue());
  }

  /**
   * Why the loop stopped, and whether that is a failure of the environment (three breakages in a
   * row).
   */
  public record Outcome(String stopReason, boolean aborted, String best, String branch) {}

  /**
   * Runs the loop to its end, then the hold-out check; the user's branch is checked out again
   * however it ends.
   *
   * @throws HoldoutFailedException when the best fails parity on the hold-out cases (exit 1)
   */
  public Outcome run() throws Exception {
    refuseAnUnknownCostUnderACap();
    Files.createDirectories(stateDir);
    try (RunLock lock = RunLock.acquire(stateDir.resolve("optimize.lock"));
        Repo repo = Repo.open(root)) {
      repo.excludeStateDir();
      BuildStage build = new BuildStage(root, stateDir, spec.build());
      ParityStage parity = new ParityStage(root, stateDir, root.resolve("tuner.yaml"));
      Recorder recorder =
          new Recorder(
              repo,
              log,
              stateDir.resolve("results.tsv"),
              build,
              options.tag(),
              spec.metric().primaryName(),
              clock);
      RunState s =
          options.resume()
              ? Resume.from(log, repo, spec, proposer, rules, console)
              : Start.fresh(
                  root, repo, log, recorder, spec, options.tag(), proposer.kind(), console);
      s.started = clock.instant();
      Scope scope = new Scope(spec.scope());
      Experiment experiment =
          new Experiment(
              root,
              repo,
              new ScopeCheck(scope, FrozenFiles.snapshot(root, scope)),
              build,
              parity,
              bench,
              spec.benchmark().jvmOptionsFile(),
              console,
              clock);
      try {
        if (s.baseline == null) {
          baseline(s, experiment, recorder);
        }
        String stop = loop(s, repo, experiment, recorder, build);
        console.stopped(stop);
        new Holdout(
                Holdout.Checks.of(
                    root,
                    repo,
                    build,
                    parity,
                    bench,
                    experiment,
                    s.contracts(),
                    spec.build().timeoutSeconds()),
                repo,
                recorder,
                console,
                options.tag())
            .check(s);
        return new Outcome(stop, rules.aborted(s), s.best, s.branch);
      } finally {
        repo.resetHard(s.best);
        repo.checkout(s.userBranch);
        console.restored(s.best, s.branch, s.userBranch);
      }
    }
  }

  /**
   * A cost cap means something only when the cost can be counted: a model without a known price
   * runs without a cap (its tokens logged, its cost called unknown), and is refused with one.
   */
  private void refuseAnUnknownCostUnderACap() throws UsageException {
    String unknown = proposer.unknownCost();
    if (options.maxCostUsd() != null && unknown != null) {
      throw new UsageException(
          String.format(
              Locale.ROOT,
              "the cost cap of $%.2f (--max-cost or optimize.maxCostUsd) cannot be held: %s;"
                  + " or run without a cost cap",
              options.maxCostUsd(),
              unknown));
    }
  }

  /**
   * Tries until a rule stops the run, then profiles the final best; returns why it stopped. The
   * report's flame graphs compare the start with the final best; a prompt quotes the best of its
   * try.
   */
  private String loop(
      RunState s, Repo repo, Experiment experiment, Recorder recorder, BuildStage build)
      throws Exception {
    Profiles profiles = new Profiles(stateDir.resolve("profiles"), root, bench, console.writer());
    String stop = tries(s, repo, experiment, recorder, build, profiles);
    profileBest(s, profiles, build);
    return stop;
  }

  private String tries(
      RunState s,
      Repo repo,
      Experiment experiment,
      Recorder recorder,
      BuildStage build,
      Profiles profiles)
      throws Exception {
    Deadlines deadlines = Deadlines.after(s.baselineTimes, options, spec.benchmark());
    ProposeStage propose =
        new ProposeStage(
            proposer,
            new PromptBuilder(spec, root),
            root,
            stateDir,
            options.proposerTimeout(),
            clock);
    while (true) {
      String stop = rules.beforeTry(s);
      if (stop != null) {
        return stop;
      }
      int run = s.run + 1;
      console.proposing(s.attempts + 1, options.maxExperiments(), s.phaseName(), proposer.kind());
      // The best is profiled before a try (in JVMs of its own) when the prompt quotes it, and at
      // the start; other steps' profiles would be read by nothing, at a minute each on the example.
      // The time is the try's first stage, so the log accounts for the whole hour.
      Double profiled = null;
      String hotFrames = null;
      if (spec.optimize().profile() && (proposer.readsPrompt() || s.best.equals(s.base))) {
        Instant t0 = clock.instant();
        String frames = profileBest(s, profiles, build);
        profiled = WallTime.seconds(Duration.between(t0, clock.instant()));
        hotFrames = proposer.readsPrompt() ? frames : null;
      }
      ProposeStage.Proposed asked =
          propose.ask(
              new ProposeStage.Turn(
                  run,
                  s.attempts,
                  s.phaseName(),
                  s.contracts(),
                  s.history,
                  s.best,
                  s.lastFailure,
                  hotFrames),
              s.cost,
              options.maxCostUsd());
      if (asked.refused() != null) {
        return asked.refused();
      }
      if (asked.proposal().outcome() == Proposal.Outcome.EXHAUSTED) {
        // A proposer that was told to stop (an agent's stop call) says why in its problem.
        return asked.proposal().problem() != null
            ? asked.proposal().problem()
            : "the " + proposer.kind() + " proposer has nothing more to propose";
      }
      s.run = run;
      s.attempts++;
      boolean explore = options.exploreEvery() > 0 && s.attempts % options.exploreEvery() == 0;
      Trial trial =
          experiment.evaluate(
              run,
              asked.proposal(),
              asked.elapsed(),
              new Experiment.Against(
                  s.best,
                  s.phaseName(),
                  s.contracts(),
                  s.cases(Split.TUNE),
                  deadlines,
                  explore,
                  proposer::withdrawn));
      record(s, trial.withProfile(profiled), recorder, repo);
      if (rules.count(s, trial.status())) {
        console.phaseChanged(s);
      }
      stop = rules.afterTry(s);
      if (stop != null) {
        return stop;
      }
    }
  }

  /** The best's hot frames (profiled once per commit), or null when profiles are off. */
  private String profileBest(RunState s, Profiles profiles, BuildStage build) throws IOException {
    return spec.optimize().profile()
        ? profiles.hotFrames(s.best, build.cached(s.best), s.cases(Split.TUNE))
        : null;
  }

  private void baseline(RunState s, Experiment experiment, Recorder recorder) throws Exception {
    console.baselineStarts(s.best);
    List<String> cases = s.cases(Split.TUNE);
    Experiment.Baseline b =
        experiment.baseline(s.best, cases, s.contracts(), spec.build().timeoutSeconds());
    s.baseline = b.numbers();
    s.bestNumbers = b.numbers();
    s.baselineTimes = b.wall();
    LogRecord.Experiment record =
        recorder.baseline(
            s.best,
            b.numbers(),
            s.segment,
            s.phaseName(),
            proposer.kind(),
            b.wall(),
            proposer.knobs(root));
    s.history.add(record);
    proposer.observe(record);
    console.baselineMeasured(b.numbers().p50(), b.numbers().p95(), cases.size());
  }

  /**
   * Logs a try, then keeps it as the new best or resets the branch to the best; its progress line
   * names the commit as logged, which is the one the branch or its tries ref holds.
   */
  LogRecord.Experiment record(RunState s, Trial t, Recorder recorder, Repo repo) throws Exception {
    ProposerInfo who = t.proposal().proposer();
    if (who != null && who.cost() != null) {
      s.cost += who.cost();
    }
    if (who != null && who.tokensIn() != null && who.cost() == null) {
      s.costUnknown = who.model() == null ? who.kind() : who.model();
    }
    if (who != null && s.cost > 0) {
      who = who.withCostTotal(s.cost);
    }
    LogRecord.Experiment record = recorder.write(t, s.segment, who);
    if (t.status().advancesBest()) {
      s.advance(record.commit(), t.decision().candidate(), t.decision().stats());
    } else {
      repo.resetHard(s.best);
    }
    s.history.add(record);
    proposer.observe(record);
    s.lastFailure =
        t.status().advancesBest() || t.status() == Status.DISCARD
            ? null
            : t.asi().rollbackReason() + (t.asi().error() == null ? "" : "\n" + t.asi().error());
    console.progress(
        s,
        t.status(),
        record.commit(),
        record.commit() == null || t.status().advancesBest() ? null : recorder.triesRef(t.run()),
        options,
        Duration.between(s.started, clock.instant()));
    return record;
  }
}

package dev.tuner.loop;

import dev.tuner.bench.BenchStage;
import dev.tuner.log.Status;
import dev.tuner.scope.FrozenFiles;
import dev.tuner.spec.Scope;
import dev.tuner.commit.GitException;
import dev.tuner.commit.Repo;
import dev.tuner.harness.fixture.Sha256;
import dev.tuner.harness.spec.CaseSpec;
import dev.tuner.harness.spec.Contract;
import dev.tuner.harness.spec.Split;
import dev.tuner.log.Asi;
import dev.tuner.log.Diff;
import dev.tuner.log.ExperimentLog;
import dev.tuner.log.ProposerInfo;
import dev.tuner.log.LogRecord;
import dev.tuner.log.ResultsTsv;
import dev.tuner.log.Stats;
import dev.tuner.log.WallTime;
import dev.tuner.propose.PromptBuilder;
import dev.tuner.propose.Proposal;
import dev.tuner.propose.ProposalRequest;
import dev.tuner.propose.Proposer;
import dev.tuner.spec.BenchmarkSpec;
import dev.tuner.spec.OptimizeSpec;
import dev.tuner.spec.TunerSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The optimisation loop: propose → scope check → commit → build → parity → bench → keep or reset, one
 * JSONL record per try, until a budget or stop rule ends it; then the hold-out check. It works on its own
 * branch {@code tuner/<tag>} and puts the user's branch back when it stops.
 */
public final class Optimizer {

  private static final Duration MIN_BENCH_TIMEOUT = Duration.ofMinutes(10);

  /** A profile of the best is a hint, not a measurement: it may not hold the loop up longer than this. */
  private static final Duration PROFILE_TIMEOUT = Duration.ofMinutes(3);

  private final Path root;
  private final Path stateDir;
  private final TunerSpec spec;
  private final LoopOptions options;
  private final Proposer proposer;
  private final BenchStage bench;
  private final PrintWriter out;
  private final Clock clock;
  private final Scope scope;
  private final Stages stages;
  private final ExperimentLog log;
  private final PromptBuilder prompts;

  public Optimizer(Path root, TunerSpec spec, LoopOptions options, Proposer proposer, BenchStage bench, PrintWriter out,
      Clock clock) {
    this.root = root.toAbsolutePath().normalize();
    this.stateDir = this.root.resolve(Repo.STATE_DIR);
    this.spec = spec;
    this.options = options;
    this.proposer = proposer;
    this.bench = bench;
    this.out = out;
    this.clock = clock;
    this.scope = new Scope(spec.scope());
    this.stages = new Stages(this.root, stateDir, spec);
    this.log = new ExperimentLog(stateDir.resolve("experiments.jsonl"));
    this.prompts = new PromptBuilder(spec, this.root);
  }

  /** Why the loop stopped, and whether that is a failure of the environment (three breakages in a row). */
  public record Outcome(String stopReason, boolean aborted, String best, String branch) {}

  /** The loop's state, rebuilt from the log on resume. */
  private static final class State {
    int segment;
    String branch;
    String userBranch;
    String base;
    String best;
    BenchStage.Measurement baseline;
    BenchStage.Measurement bestNumbers;
    WallTime baselineTimes;
    int run;
    int attempts;
    int nonKeepStreak;
    int breakages;
    int phaseIndex;
    int triesInPhase;
    double cost;
    /**
     * The best's primary metric over the baseline's: the product of the kept steps' ratios. Each step is
     * measured against the best of its time, so absolute numbers from different measurements never meet.
     */
    double bestVsBaseline = 1;
    Instant started;
    final List<LogRecord.Experiment> history = new ArrayList<>();
    String lastFailure;
    /** Set when a try cannot start (the next call could break the cost cap). */
    String stopReason;
  }

  public Outcome run() throws Exception {
    Files.createDirectories(stateDir);
    try (RunLock lock = RunLock.acquire(stateDir.resolve("optimize.lock")); Repo repo = Repo.open(root)) {
      repo.excludeStateDir();
      State state = options.resume() ? resume(repo) : start(repo);
      Instant started = clock.instant();
      state.started = started;
      FrozenFiles frozen = FrozenFiles.snapshot(root, scope);
      try {
        if (state.baseline == null) {
          baseline(repo, state);
        }
        String stop = null;
        boolean aborted = false;
        while (stop == null) {
          stop = budgetExhausted(state, started);
          if (stop != null) {
            break;
          }
          Status status = tryOnce(repo, state, frozen);
          if (status == null) {
            stop = state.stopReason != null ? state.stopReason
                : "the " + proposer.kind() + " proposer has nothing more to propose";
            break;
          }
          stop = afterTry(state, status);
          aborted = state.breakages >= LoopOptions.MAX_BREAKAGES;
        }
        out.println();
        out.println("stopped: " + stop);
        holdout(repo, state);
        ResultsTsv.write(log, stateDir.resolve("results.tsv"));
        return new Outcome(stop, aborted, state.best, state.branch);
      } finally {
        repo.resetHard(state.best);
        repo.checkout(state.userBranch);
        out.println("best: " + shortSha(state.best) + " on branch " + state.branch + "; your branch "
            + state.userBranch + " is checked out again, unchanged");
        out.flush();
      }
    }
  }

  // ---- starting and resuming ----------------------------------------------------------------------

  private State start(Repo repo) throws Exception {
    State state = new State();
    state.userBranch = repo.currentBranch();
    var dirty = repo.changedFiles();
    if (!dirty.isEmpty()) {
      throw new GitException("the working tree has uncommitted changes or untracked files (" + summarize(dirty)
          + "); commit or stash them first, so every try starts from a known commit");
    }
    state.branch = "tuner/" + options.tag();
    if (repo.branchExists(state.branch)) {
      throw new GitException("branch " + state.branch + " exists already; continue it with --resume or pick another --tag");
    }
    state.base = repo.head();
    state.best = state.base;
    state.segment = log.read(out).stream().filter(r -> r instanceof LogRecord.Config)
        .mapToInt(r -> ((LogRecord.Config) r).segment()).max().orElse(0) + 1;
    repo.createAndCheckout(state.branch, state.base);
    log.append(new LogRecord.Config(state.segment, spec.name(), spec.metric().primary().name().toLowerCase(Locale.ROOT)
        + "_ms", "ms", "lower", specHash(), state.branch, state.base, state.userBranch, proposer.kind(), now()));
    out.printf("tuner optimize: branch %s from %s (%s); log %s%n", state.branch, shortSha(state.base),
        state.userBranch, root.relativize(log.file()));
    out.println("  Ctrl-C stops at any moment; continue with: tuner optimize --resume");
    return state;
  }

  private State resume(Repo repo) throws Exception {
    List<LogRecord> records = log.read(out);
    LogRecord.Config config = null;
    for (LogRecord r : records) {
      if (r instanceof LogRecord.Config c) {
        config = c;
      }
    }
    if (config == null) {
      throw new GitException("nothing to resume: " + log.file() + " has no run");
    }
    State state = new State();
    state.segment = config.segment();
    state.branch = config.branch();
    state.base = config.base();
    state.userBranch = config.userBranch();
    state.best = config.base();
    String current = repo.currentBranch();
    var dirty = repo.changedFiles();
    if (!current.equals(state.branch) && !dirty.isEmpty()) {
      throw new GitException("the working tree has uncommitted changes (" + summarize(dirty) + ") on " + current
          + "; commit or stash them before resuming " + state.branch);
    }
    for (LogRecord r : records) {
      if (r instanceof LogRecord.Experiment e && e.segment() == state.segment) {
        state.history.add(e);
        proposer.observe(e);
        state.run = Math.max(state.run, e.run());
        Status status = Status.valueOf(e.status().toUpperCase(Locale.ROOT));
        if (status == Status.BASELINE) {
          state.baseline = measurementOf(e);
          state.bestNumbers = state.baseline;
          state.baselineTimes = e.wallS();
        } else {
          state.attempts++;
          countPhase(state, status);
        }
        if (status.advancesBest()) {
          state.best = e.commit();
          state.bestNumbers = measurementOf(e);
          state.bestVsBaseline *= primaryRatio(e.stats());
        }
        if (e.proposer() != null && e.proposer().cost() != null) {
          state.cost += e.proposer().cost();
        }
      }
    }
    if (!current.equals(state.branch)) {
      repo.checkout(state.branch);
    }
    repo.resetHard(state.best);
    out.printf("tuner optimize --resume: %s at run %d, best %s%n", state.branch, state.run, shortSha(state.best));
    return state;
  }

  private static BenchStage.Measurement measurementOf(LogRecord.Experiment e) {
    return new BenchStage.Measurement(e.metrics() == null ? Map.of() : e.metrics(),
        e.allocBytesPerOp() == null ? 0 : e.allocBytesPerOp(), Map.of());
  }

  // ---- the baseline --------------------------------------------------------------------------------

  private void baseline(Repo repo, State state) throws Exception {
    out.println("baseline " + shortSha(state.best) + ": build, parity, bench");
    Duration buildLimit = Duration.ofSeconds(spec.build().timeoutSeconds());
    Stages.Result build = stages.build("run-0", state.best, buildLimit);
    if (!build.passed()) {
      throw new BaselineException("the baseline does not build: " + build.reason() + "\n" + build.evidence());
    }
    Stages.Result parity = stages.parity("run-0", build.artifact(), tuneCases(), contracts(state), Duration.ofMinutes(10));
    if (!parity.passed()) {
      throw new BaselineException("the baseline fails parity (" + parity.reason() + "); run tuner verify and fix"
          + " the recording first:\n" + parity.evidence());
    }
    Instant t0 = clock.instant();
    BenchStage.Measurement numbers = bench.measure(root, new BenchStage.Build(build.artifact(), jvmOptions(repo, state.best)),
        tuneCases(), Duration.ofMinutes(60));
    double benchSeconds = seconds(Duration.between(t0, clock.instant()));
    state.baseline = numbers;
    state.bestNumbers = numbers;
    state.baselineTimes = new WallTime(null, seconds(build.elapsed()), seconds(parity.elapsed()), benchSeconds);
    LogRecord.Experiment record = new LogRecord.Experiment(0, state.best, primary(numbers), numbers.metrics(),
        Status.BASELINE.label(), "baseline", now(), state.segment, null, null, null, phaseName(state), List.of(),
        null, null, callsOf(numbers), numbers.allocBytesPerOp(), ProposerInfo.of(proposer.kind()),
        new Diff(List.of(), 0, 0), state.baselineTimes, proposer.knobs(root));
    log.append(record);
    state.history.add(record);
    proposer.observe(record);
    out.printf(Locale.ROOT, "baseline: p50 %.2f ms, p95 %.2f ms (geometric means over %d cases)%n", numbers.p50(),
        numbers.p95(), tuneCases().size());
  }

  // ---- one try -------------------------------------------------------------------------------------

  /** Runs one try; null when the proposer has nothing left. */
  private Status tryOnce(Repo repo, State state, FrozenFiles frozen) throws Exception {
    int run = state.run + 1;
    String phase = phaseName(state);
    String parent = state.best;
    out.printf(Locale.ROOT, "%n[%d/%d] phase %s · proposing (%s)%n", state.attempts + 1, options.maxExperiments(), phase,
        proposer.kind());
    Path promptFile = stateDir.resolve("prompts/run-" + run + ".md");
    Files.createDirectories(promptFile.getParent());
    Path ideasFile = stateDir.resolve("ideas.md");
    String prompt = prompts.build(run, phase, contracts(state), state.history,
        Files.exists(ideasFile) ? Files.readString(ideasFile) : "", state.lastFailure, hotFrames(state));
    Files.writeString(promptFile, prompt);
    if (options.maxCostUsd() != null) {
      // The cap holds before the call: stop when the worst this call could cost does not fit.
      double worst = proposer.worstCaseCostUsd(prompt);
      if (state.cost + worst > options.maxCostUsd()) {
        state.stopReason = String.format(Locale.ROOT, "budget: the next proposal could cost up to $%.4f, more than the"
            + " $%.4f left of the $%.2f cap ($%.4f spent)", worst, options.maxCostUsd() - state.cost,
            options.maxCostUsd(), state.cost);
        return null;
      }
    }

    Instant t0 = clock.instant();
    Proposal proposal = proposer.propose(new ProposalRequest(run, state.attempts, root, state.best, prompt, promptFile,
        ideasFile, options.proposerTimeout(), phase));
    double proposeSeconds = seconds(Duration.between(t0, clock.instant()));
    if (proposal.outcome() == Proposal.Outcome.EXHAUSTED) {
      return null;
    }
    state.run = run;
    state.attempts++;
    parkIdeas(ideasFile, run, proposal.ideas());
    if (!repo.head().equals(state.best)) {
      // The proposer committed by itself: its commits become part of the proposal, checked like any edit.
      repo.resetSoft(state.best);
    }
    Asi asi = Asi.of(proposal.hypothesis());
    Try t = new Try(run, parent, phase, proposal, proposeSeconds);

    var changed = repo.changedFiles();
    if (proposal.outcome() == Proposal.Outcome.TIMEOUT) {
      return finish(repo, state, t.fail(Status.TIMEOUT, asi.rollback(proposal.problem(),
          "make a smaller change that takes less time to produce", proposal.output()), changed));
    }
    if (proposal.outcome() == Proposal.Outcome.FAILED) {
      return finish(repo, state, t.fail(Status.PROPOSER_FAILED, asi.rollback(proposal.problem(),
          "nothing to change in the code: the proposer's provider failed; check its status, key and rate limits",
          proposal.output()), changed));
    }
    if (proposal.outcome() == Proposal.Outcome.INVALID) {
      return finish(repo, state, t.fail(Status.INVALID_PROPOSAL, asi.rollback(proposal.problem(),
          "propose an edit that applies cleanly to the current best", proposal.output()), changed));
    }
    if (changed.isEmpty()) {
      return finish(repo, state, t.fail(Status.INVALID_PROPOSAL, asi.rollback("the proposal changed no file",
          "change at least one in-scope file", proposal.output()), changed));
    }
    List<String> violations = new ArrayList<>(scope.violations(changed));
    frozen.changes().stream().filter(f -> !violations.contains(f)).forEach(violations::add);
    if (!violations.isEmpty()) {
      return finish(repo, state, t.fail(Status.SCOPE_VIOLATION, asi.rollback("changed files outside the scope: "
          + summarize(violations), "change only files matching scope.include", null), changed));
    }

    String commit = repo.commitAll(proposal.description());
    t.commit = commit;
    t.diff = repo.diffStats(parent, commit);
    out.printf("  %s %s (%d file(s), +%d -%d)%n", shortSha(commit), proposal.description(), t.diff.files().size(),
        t.diff.added(), t.diff.removed());

    Stages.Result build = stages.build("run-" + run, commit, options.stageTimeout(secondsOf(state.baselineTimes.build())));
    t.build = seconds(build.elapsed());
    out.printf(Locale.ROOT, "  build %.1fs %s%n", t.build, build.passed() ? "ok" : build.failure().label());
    if (!build.passed()) {
      return finish(repo, state, t.fail(build.failure(), asi.rollback(build.reason(),
          "fix the compile error shown in asi.error, or try another change", build.evidence()), changed));
    }
    Stages.Result parity = stages.parity("run-" + run, build.artifact(), tuneCases(), contracts(state),
        options.stageTimeout(secondsOf(state.baselineTimes.parity())));
    t.parity = seconds(parity.elapsed());
    out.printf(Locale.ROOT, "  parity %.1fs %s%n", t.parity, parity.passed() ? "ok" : parity.failure().label());
    if (!parity.passed()) {
      return finish(repo, state, t.fail(parity.failure(), asi.rollback(parity.reason(), hintFor(parity.failure()),
          parity.evidence()), changed));
    }
    boolean explore = options.exploreEvery() > 0 && state.attempts % options.exploreEvery() == 0;
    Instant b0 = clock.instant();
    BenchStage.Decision decision;
    try {
      BenchStage.Build best = new BenchStage.Build(stages.cached(state.best), jvmOptions(repo, state.best));
      BenchStage.Build candidate = new BenchStage.Build(build.artifact(), jvmOptions(repo, commit));
      decision = bench.compare(root, best, candidate, tuneCases(),
          benchTimeout(state, !best.jvmOptions().equals(candidate.jvmOptions())));
    } catch (Exception e) {
      t.bench = seconds(Duration.between(b0, clock.instant()));
      boolean timedOut = e instanceof dev.tuner.bench.BenchFailedException f && f.timedOut();
      return finish(repo, state, t.fail(timedOut ? Status.TIMEOUT : Status.CRASH, asi.rollback(
          "the benchmark failed: " + e.getMessage(), timedOut ? hintFor(Status.TIMEOUT) : hintFor(Status.CRASH),
          null), java.util.Set.of()));
    }
    t.bench = seconds(Duration.between(b0, clock.instant()));
    t.decision = decision;
    Status status = decision.faster() ? Status.KEEP : explore ? Status.EXPLORE : Status.DISCARD;
    Asi verdict = status == Status.DISCARD
        ? asi.rollback(decision.reason(), "try a change that removes more work from the hot path", null)
        : asi;
    out.printf(Locale.ROOT, "  bench %.1fs → %s: %s%n", t.bench, status.label(), decision.reason());
    return finish(repo, state, t.done(status, verdict));
  }

  /** What one try gathered on its way; turned into a record by {@link #finish}. */
  private final class Try {
    final int run;
    final String parent;
    final String phase;
    final Proposal proposal;
    final double propose;
    String commit;
    Repo.DiffStats diff;
    Double build;
    Double parity;
    Double bench;
    BenchStage.Decision decision;
    Status status;
    Asi asi;
    java.util.Set<String> leftovers = java.util.Set.of();

    Try(int run, String parent, String phase, Proposal proposal, double propose) {
      this.run = run;
      this.parent = parent;
      this.phase = phase;
      this.proposal = proposal;
      this.propose = propose;
    }

    Try fail(Status status, Asi asi, java.util.Set<String> changed) {
      this.status = status;
      this.asi = asi;
      this.leftovers = changed;
      return this;
    }

    Try done(Status status, Asi asi) {
      this.status = status;
      this.asi = asi;
      return this;
    }
  }

  /** Writes the record, then keeps the commit as the new best or resets the branch to the best. */
  private Status finish(Repo repo, State state, Try t) throws Exception {
    if (t.commit == null && !t.leftovers.isEmpty()) {
      // A rejected change is committed too, so the log's commit shows exactly what was refused.
      t.commit = repo.commitAll(t.proposal.description() == null ? "proposal " + t.run : t.proposal.description());
      t.diff = repo.diffStats(t.parent, t.commit);
    }
    if (t.commit != null) {
      String built = t.commit;
      t.commit = repo.amendMessage(message(t));
      if (Files.exists(stages.cached(built))) {
        // The artifact is cached by commit; amending the message gave the same tree a new id.
        Files.move(stages.cached(built), stages.cached(t.commit), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      if (!t.status.advancesBest()) {
        repo.keepRef("refs/tuner/" + options.tag() + "/tries/" + t.run, t.commit);
      }
    }
    if (t.status.advancesBest()) {
      state.best = t.commit;
      state.bestNumbers = t.decision.candidate();
      state.bestVsBaseline *= primaryRatio(t.decision.stats());
    } else {
      repo.resetHard(state.best);
    }
    BenchStage.Measurement numbers = t.decision == null ? null : t.decision.candidate();
    ProposerInfo who = t.proposal.proposer();
    if (who != null && who.cost() != null) {
      state.cost += who.cost();
    }
    if (who != null && state.cost > 0) {
      who = who.withCostTotal(state.cost);
    }
    LogRecord.Experiment record = new LogRecord.Experiment(t.run, t.commit, numbers == null ? null : primary(numbers),
        numbers == null ? null : numbers.metrics(), t.status.label(),
        t.proposal.description() == null ? "proposal " + t.run : t.proposal.description(), now(), state.segment,
        t.decision == null ? null : t.decision.confidence(), t.asi, t.parent, t.phase, t.proposal.tags(),
        t.proposal.expectation(), t.decision == null ? null : t.decision.stats(),
        numbers == null ? null : callsOf(numbers), numbers == null ? null : numbers.allocBytesPerOp(), who,
        t.diff == null ? null : new Diff(t.diff.files(), t.diff.added(), t.diff.removed()),
        new WallTime(t.propose, t.build, t.parity, t.bench), t.proposal.knobs());
    log.append(record);
    state.history.add(record);
    proposer.observe(record);
    state.lastFailure = t.status.advancesBest() || t.status == Status.DISCARD ? null
        : t.asi.rollbackReason() + (t.asi.error() == null ? "" : "\n" + t.asi.error());
    ResultsTsv.write(log, stateDir.resolve("results.tsv"));
    progress(state, t.status);
    return t.status;
  }

  private String message(Try t) {
    StringBuilder m = new StringBuilder(t.proposal.description() == null ? "proposal " + t.run : t.proposal.description());
    m.append("\n\nTuner-Run: ").append(t.run).append("\nTuner-Status: ").append(t.status.label());
    if (t.decision != null && t.decision.stats().get("p95") != null) {
      Stats p95 = t.decision.stats().get("p95");
      m.append(String.format(Locale.ROOT, "\nTuner-P95-Ratio: %.4f", p95.ratio()));
    }
    if (t.asi != null && t.asi.rollbackReason() != null) {
      m.append("\nTuner-Reason: ").append(t.asi.rollbackReason().lines().findFirst().orElse(""));
    }
    return m.append('\n').toString();
  }

  /**
   * The hottest stacks of the current best, profiled once per best commit and cached in
   * {@code .tuner/profiles/}; null when profiling is off, not wanted, or failed (the loop goes on without).
   */
  private String hotFrames(State state) {
    if (!spec.optimize().profile() || !proposer.readsPrompt()) {
      return null;
    }
    Path cached = stateDir.resolve("profiles/" + state.best + ".txt");
    try {
      if (Files.exists(cached)) {
        return Files.readString(cached);
      }
      Path artifact = stages.cached(state.best);
      if (!Files.exists(artifact)) {
        return null;
      }
      Files.createDirectories(cached.getParent());
      out.println("  profiling the best " + shortSha(state.best) + " for the prompt (JMH -prof stack)");
      out.flush();
      String frames;
      try {
        frames = bench.hotFrames(root, artifact, tuneCases(), PROFILE_TIMEOUT);
      } catch (Exception e) {
        out.println("  profile skipped: " + e.getMessage());
        frames = "";
      }
      // An empty file remembers a failed profile, so it is not retried on every try.
      Files.writeString(cached, frames == null ? "" : frames);
      return frames;
    } catch (IOException e) {
      out.println("  profile skipped: " + e.getMessage());
      return null;
    }
  }

  // ---- stop rules ----------------------------------------------------------------------------------

  private void countPhase(State state, Status status) {
    state.triesInPhase++;
    state.nonKeepStreak = status == Status.KEEP ? 0 : state.nonKeepStreak + 1;
    state.breakages = status.isBreakage() ? state.breakages + 1 : 0;
    OptimizeSpec.PhaseSpec phase = spec.optimize().phases().get(state.phaseIndex);
    boolean phaseDone = (phase.maxExperiments() != null && state.triesInPhase >= phase.maxExperiments())
        || state.nonKeepStreak >= options.plateau();
    if (phaseDone && state.phaseIndex + 1 < spec.optimize().phases().size()) {
      state.phaseIndex++;
      state.triesInPhase = 0;
      state.nonKeepStreak = 0;
    }
  }

  private String afterTry(State state, Status status) {
    int phaseBefore = state.phaseIndex;
    countPhase(state, status);
    if (state.phaseIndex != phaseBefore) {
      out.println("  → phase " + phaseName(state) + ": contracts " + contracts(state));
    }
    if (state.breakages >= LoopOptions.MAX_BREAKAGES) {
      return "aborted: " + LoopOptions.MAX_BREAKAGES + " crashes, build or proposer failures in a row; the last: "
          + state.history.get(state.history.size() - 1).asi().rollbackReason();
    }
    if (state.nonKeepStreak >= options.plateau()) {
      return "plateau: " + options.plateau() + " tries in a row were not kept";
    }
    if (options.targetMs() != null && primary(state.bestNumbers) <= options.targetMs()) {
      return String.format(Locale.ROOT, "target reached: %.2f ms <= %.2f ms", primary(state.bestNumbers),
          options.targetMs());
    }
    return null;
  }

  private String budgetExhausted(State state, Instant started) {
    if (state.attempts >= options.maxExperiments()) {
      return "budget: " + options.maxExperiments() + " experiments done";
    }
    if (options.maxWall() != null && Duration.between(started, clock.instant()).compareTo(options.maxWall()) >= 0) {
      return "budget: wall time of " + options.maxWall().toMinutes() + " min used";
    }
    if (options.maxCostUsd() != null && state.cost >= options.maxCostUsd()) {
      return String.format(Locale.ROOT, "budget: cost $%.2f reached the cap of $%.2f", state.cost, options.maxCostUsd());
    }
    return null;
  }

  // ---- hold-out ------------------------------------------------------------------------------------

  private void holdout(Repo repo, State state) throws Exception {
    List<String> cases = spec.cases().stream().filter(c -> c.split() == Split.HOLDOUT).map(CaseSpec::id).toList();
    if (cases.isEmpty()) {
      return;
    }
    out.println("hold-out: " + String.join(", ", cases) + " (never tuned against): best " + shortSha(state.best)
        + " vs start " + shortSha(state.base));
    Path best = stages.cached(state.best);
    Path base = stages.cached(state.base);
    Stages.Result parity = stages.parity("holdout", best, cases, contracts(state), Duration.ofMinutes(10));
    List<String> failures = parity.passed() ? List.of() : List.of(parity.reason(), parity.evidence());
    Map<String, Stats> stats = null;
    String verdict;
    if (!parity.passed()) {
      verdict = "parity_failed";
    } else if (state.best.equals(state.base)) {
      verdict = "unchanged";
    } else {
      BenchStage.Build from = new BenchStage.Build(base, jvmOptions(repo, state.base));
      BenchStage.Build to = new BenchStage.Build(best, jvmOptions(repo, state.best));
      // Different JVM options are compared in separate JVMs (the forks design), which takes longer.
      BenchStage.Decision d = bench.compare(root, from, to, cases,
          Duration.ofMinutes(from.jvmOptions().equals(to.jvmOptions()) ? 60 : 180));
      stats = d.stats();
      verdict = d.faster() ? "improved" : "not_improved";
    }
    log.append(new LogRecord.Holdout(state.segment, state.base, state.best, parity.passed(), failures, stats, verdict,
        now()));
    out.println("hold-out: parity " + (parity.passed() ? "holds" : "FAILS") + ", latency " + verdict
        + (stats == null || stats.get("p95") == null ? "" : String.format(Locale.ROOT, " (p95 ratio %.3f)",
            stats.get("p95").ratio())));
  }

  // ---- helpers -------------------------------------------------------------------------------------

  private void progress(State state, Status status) {
    Duration elapsed = Duration.between(state.started, clock.instant());
    out.printf(Locale.ROOT, "  = %s · best %s, %s %+.1f%% vs baseline · %d/%d tries · %d min elapsed%s%s%n",
        status.label(), shortSha(state.best), primaryName(), 100 * (state.bestVsBaseline - 1), state.attempts,
        options.maxExperiments(), elapsed.toMinutes(),
        options.maxWall() == null ? "" : " of " + options.maxWall().toMinutes(),
        state.cost > 0 ? String.format(Locale.ROOT, " · $%.2f", state.cost) : "");
    out.flush();
  }

  /**
   * The comparison's deadline: it runs both builds, so twice the factor times the baseline's benchmark,
   * and never under {@link #MIN_BENCH_TIMEOUT}, since an interleaved comparison warms both builds up first.
   */
  private Duration benchTimeout(State state, boolean jvmOptionsDiffer) {
    // Builds with different JVM options are compared in separate JMH forks, up to the forks design's last look
    // per side, each as long as one of the baseline's forks.
    long factor = jvmOptionsDiffer ? Math.max(2, 2L * BenchmarkSpec.Design.FORKS.defaultLooks().get(
        BenchmarkSpec.Design.FORKS.defaultLooks().size() - 1) / spec.benchmark().jmh().forks()) : 2;
    Duration scaled = options.stageTimeout(secondsOf(state.baselineTimes.bench()).multipliedBy(factor));
    return scaled.compareTo(MIN_BENCH_TIMEOUT) < 0 ? MIN_BENCH_TIMEOUT : scaled;
  }

  /** The JVM options a commit's tree gives its benchmark JVMs ({@code benchmark.jvmOptionsFile}), if any. */
  private List<String> jvmOptions(Repo repo, String commit) throws Exception {
    String file = spec.benchmark().jvmOptionsFile();
    if (file == null) {
      return List.of();
    }
    String text = repo.readFile(commit, file);
    return text == null ? List.of() : dev.tuner.spec.JvmOptionsFile.parse(text);
  }

  private List<String> tuneCases() {
    return spec.cases().stream().filter(c -> c.split() == Split.TUNE).map(CaseSpec::id).toList();
  }

  /** The current phase's contract per upstream, over the spec's defaults. */
  private Map<String, Contract> contracts(State state) {
    Map<String, Contract> merged = new TreeMap<>();
    spec.upstreams().keySet().forEach(u -> merged.put(u, spec.contracts() == null ? Contract.EXACT
        : spec.contracts().getOrDefault(u, Contract.EXACT)));
    merged.putAll(spec.optimize().phases().get(state.phaseIndex).contracts());
    return merged;
  }

  private String phaseName(State state) {
    return spec.optimize().phases().get(state.phaseIndex).name();
  }

  private String primaryName() {
    return spec.metric().primary().name().toLowerCase(Locale.ROOT);
  }

  /** The primary metric's ratio in a decision's statistics; 1 when it has none (a step that changed nothing known). */
  private double primaryRatio(Map<String, Stats> stats) {
    Stats primary = stats == null ? null : stats.get(primaryName());
    return primary == null ? 1 : primary.ratio();
  }

  private double primary(BenchStage.Measurement m) {
    return m.metrics().getOrDefault(primaryName() + "_ms", Double.NaN);
  }

  private static Map<String, Integer> callsOf(BenchStage.Measurement m) {
    Map<String, Integer> calls = new LinkedHashMap<>();
    m.callsPerOp().forEach((u, n) -> calls.put(u, (int) Math.round(n)));
    return calls;
  }

  private static String hintFor(Status failure) {
    return switch (failure) {
      case CALLS_CHANGED -> "keep every upstream call as recorded in this phase (no caching, batching or skipping)";
      case CRASH -> "the change throws at run time; see asi.error";
      case TIMEOUT -> "the change made the hot path much slower or endless";
      default -> "the change alters the output; keep results byte-identical (see the differing paths in asi.error)";
    };
  }

  private static void parkIdeas(Path ideasFile, int run, List<String> ideas) throws IOException {
    if (ideas.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    ideas.forEach(idea -> text.append("- [run ").append(run).append("] ").append(idea.strip()).append('\n'));
    Files.writeString(ideasFile, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private String specHash() throws IOException {
    return Sha256.hex(Files.readAllBytes(root.resolve("tuner.yaml")));
  }

  private String now() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  private static double seconds(Duration d) {
    return Math.round(d.toMillis() / 100.0) / 10.0;
  }

  private static Duration secondsOf(Double s) {
    return Duration.ofMillis((long) ((s == null ? 0 : s) * 1000));
  }

  private static String shortSha(String sha) {
    return sha == null ? "-" : sha.substring(0, Math.min(8, sha.length()));
  }

  private static String summarize(java.util.Collection<String> files) {
    List<String> list = new ArrayList<>(files);
    return String.join(", ", list.subList(0, Math.min(5, list.size()))) + (list.size() > 5 ? ", …" : "");
  }

  /** The starting point cannot be optimised: it does not build or does not match its recording. */
  public static final class BaselineException extends Exception {
    public BaselineException(String message) {
      super(message);
    }
  }
}

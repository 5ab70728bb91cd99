package dev.tuner.loop;

import dev.tuner.bench.BenchFailedException;
import dev.tuner.bench.BenchStage;
import dev.tuner.build.BuildFailedException;
import dev.tuner.build.BuildStage;
import dev.tuner.commit.Repo;
import dev.tuner.error.TunerException;
import dev.tuner.harness.spec.Contract;
import dev.tuner.io.Classpath;
import dev.tuner.log.Asi;
import dev.tuner.log.Diff;
import dev.tuner.log.Status;
import dev.tuner.log.Stop;
import dev.tuner.log.WallTime;
import dev.tuner.parity.ParityFailedException;
import dev.tuner.parity.ParityStage;
import dev.tuner.propose.Proposal;
import dev.tuner.record.Trial;
import dev.tuner.scope.ScopeCheck;
import dev.tuner.spec.JvmOptionsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One experiment: a proposal in the working tree, taken through scope → commit → build → parity →
 * bench → decide against the best, as a straight line in which any stage may stop it with a status.
 * It needs no loop around it: an agent's "evaluate this proposal" is one call.
 */
public final class Experiment {

  private final Path root;
  private final Repo repo;
  private final ScopeCheck scope;
  private final BuildStage build;
  private final ParityStage parity;
  private final BenchStage bench;
  private final String jvmOptionsFile;
  private final Console console;
  private final Clock clock;

  /**
   * @param jvmOptionsFile the spec's {@code benchmark.jvmOptionsFile}; null for none
   */
  public Experiment(
      Path root,
      Repo repo,
      ScopeCheck scope,
      BuildStage build,
      ParityStage parity,
      BenchStage bench,
      String jvmOptionsFile,
      Console console,
      Clock clock) {
    this.root = root;
    this.repo = repo;
    this.scope = scope;
    this.build = build;
    this.parity = parity;
    this.bench = bench;
    this.jvmOptionsFile = jvmOptionsFile;
    this.console = console;
    this.clock = clock;
  }

  /**
   * What a try is measured against.
   *
   * @param best the current best's commit; its build is kept
   * @param explore keep the candidate if parity holds, even when it is not faster
   * @param withdrawn whether the proposer has taken the proposal back, read after each stage
   */
  public record Against(
      String best,
      String phase,
      Map<String, Contract> contracts,
      List<String> cases,
      Deadlines deadlines,
      boolean explore,
      BooleanSupplier withdrawn) {}

  /** The starting point's own numbers, and how long each stage took on it. */
  public record Baseline(BenchStage.Measurement numbers, WallTime wall) {}

  /**
   * Measures the checked-out {@code commit} as the run's starting point.
   *
   * @throws BuildFailedException if it does not build (exit 3)
   * @throws ParityFailedException if it does not match its recording (exit 1)
   */
  Baseline baseline(
      String commit, List<String> cases, Map<String, Contract> contracts, int buildSeconds)
      throws Exception {
    Deadlines deadlines = Deadlines.forBaseline(buildSeconds);
    BuildStage.Result built = build.build("run-0", commit, deadlines.build());
    if (!built.passed()) {
      throw new BuildFailedException(
          "the baseline does not build: " + built.stop().reason() + "\n" + built.stop().evidence());
    }
    ParityStage.Result replayed =
        parity.check("run-0", built.classpath(), cases, contracts, deadlines.parity());
    if (!replayed.passed()) {
      throw new ParityFailedException(
          "the baseline fails parity ("
              + replayed.stop().reason()
              + "); run tuner verify and fix the recording first:\n"
              + replayed.stop().evidence());
    }
    Instant t0 = clock.instant();
    BenchStage.Measurement numbers =
        bench.measure(root, benchBuild(commit, built.classpath()), cases, deadlines.bench());
    return new Baseline(
        numbers,
        new WallTime(
            null,
            WallTime.seconds(built.elapsed()),
            WallTime.seconds(replayed.elapsed()),
            WallTime.seconds(Duration.between(t0, clock.instant()))));
  }

  /**
   * Takes the proposal in the working tree through every stage. Whatever it changed ends up
   * committed on the current branch, kept or not; the caller records the trial, then keeps or
   * resets.
   */
  public Trial evaluate(int run, Proposal proposal, Duration proposing, Against against)
      throws Exception {
    Attempt a = new Attempt(run, proposal, WallTime.seconds(proposing), against);
    if (!repo.head().equals(against.best())) {
      // The proposer committed by itself: its commits become part of the proposal, checked like any
      // edit.
      repo.resetSoft(against.best());
    }
    Set<String> changed = repo.changedFiles();
    Stop refused = refusal(proposal, changed);
    if (refused != null) {
      return a.commitAndStop(changed, refused);
    }
    a.commit(proposal.description());
    console.committed(proposal.description(), a.diff);

    BuildStage.Result built = build.build("run-" + run, a.commit, against.deadlines().build());
    a.buildSeconds = WallTime.seconds(built.elapsed());
    if (against.withdrawn().getAsBoolean()) {
      return a.cancelled("build");
    }
    console.stage("build", a.buildSeconds, built.stop());
    if (!built.passed()) {
      return a.stop(built.stop());
    }
    ParityStage.Result replayed =
        parity.check(
            "run-" + run,
            built.classpath(),
            against.cases(),
            against.contracts(),
            against.deadlines().parity());
    a.paritySeconds = WallTime.seconds(replayed.elapsed());
    if (against.withdrawn().getAsBoolean()) {
      return a.cancelled("parity");
    }
    console.stage("parity", a.paritySeconds, replayed.stop());
    if (!replayed.passed()) {
      return a.stop(replayed.stop());
    }
    return a.decide(built.classpath());
  }

  /** What the benchmark runs for a commit: its build and its tree's JVM options. */
  public BenchStage.Build benchBuild(String commit, Classpath classpath) throws TunerException {
    String text = jvmOptionsFile == null ? null : repo.readFile(commit, jvmOptionsFile);
    return new BenchStage.Build(classpath, text == null ? List.of() : JvmOptionsFile.parse(text));
  }

  /** Why a proposal cannot be tried as it stands; null when it can. */
  private Stop refusal(Proposal p, Set<String> changed) throws IOException {
    return switch (p.outcome()) {
      case TIMEOUT ->
          new Stop(
              Status.TIMEOUT,
              p.problem(),
              "make a smaller change that takes less time to produce",
              p.output());
      case FAILED ->
          new Stop(
              Status.PROPOSER_FAILED,
              p.problem(),
              "nothing to change in the code: the proposer's provider failed; check its status, key and"
                  + " rate limits",
              p.output());
      case INVALID ->
          new Stop(
              Status.INVALID_PROPOSAL,
              p.problem(),
              "propose an edit that applies cleanly to the current best",
              p.output());
      default ->
          changed.isEmpty()
              ? new Stop(
                  Status.INVALID_PROPOSAL,
                  "the proposal changed no file",
                  "change at least one in-scope file",
                  p.output())
              : scope.check(changed);
    };
  }

  /** One try on its way through the stages: what it has gathered so far. */
  private final class Attempt {
    final int run;
    final Proposal proposal;
    final Double propose;
    final Against against;
    String commit;
    Diff diff;
    Double buildSeconds;
    Double paritySeconds;

    Attempt(int run, Proposal proposal, double propose, Against against) {
      this.run = run;
      this.proposal = proposal;
      this.propose = propose;
      this.against = against;
    }

    void commit(String message) throws TunerException {
      commit = repo.commitAll(message);
      diff = repo.diffStats(against.best(), commit);
    }

    /** A refused change is committed too, so the log's commit shows exactly what was refused. */
    Trial commitAndStop(Set<String> changed, Stop stop) throws TunerException {
      if (!changed.isEmpty()) {
        commit(proposal.description() == null ? "proposal " + run : proposal.description());
      }
      console.refused(stop.status(), proposal.name(), run, stop.reason());
      return trial(stop.status(), stop.asi(proposal.hypothesis()), null, null);
    }

    Trial stop(Stop stop) {
      if (stop.status() == Status.SCOPE_VIOLATION) { // parity caught a changed fixture: name it
        console.refused(stop.status(), proposal.name(), run, stop.reason());
      }
      return trial(stop.status(), stop.asi(proposal.hypothesis()), null, null);
    }

    /** The bench stage and the keep rule: the candidate against the best, in the spec's design. */
    Trial decide(Classpath classpath) throws Exception {
      BenchStage.Build best = benchBuild(against.best(), build.cached(against.best()));
      BenchStage.Build candidate = benchBuild(commit, classpath);
      boolean forks = !best.jvmOptions().equals(candidate.jvmOptions());
      Instant t0 = clock.instant();
      BenchStage.Decision decision;
      try {
        decision =
            bench.compare(
                root,
                best,
                candidate,
                against.cases(),
                forks ? against.deadlines().benchForks() : against.deadlines().bench());
      } catch (BenchFailedException e) {
        if (against.withdrawn().getAsBoolean()) {
          return cancelled("bench");
        }
        if (e.side() == BenchFailedException.Side.A) {
          // The best ran before; failing now, it fails for a reason outside the candidate.
          throw new BenchFailedException(
              "the current best ("
                  + against.best().substring(0, 12)
                  + ") failed in the benchmark too, so this is not the candidate's doing: "
                  + e.getMessage()
                  + "\n(the whole output: .tuner/logs/bench.log)");
        }
        return crashed(e, t0);
      } catch (Exception e) {
        return against.withdrawn().getAsBoolean() ? cancelled("bench") : crashed(e, t0);
      }
      if (against.withdrawn().getAsBoolean()) {
        return cancelled("bench");
      }
      double seconds = WallTime.seconds(Duration.between(t0, clock.instant()));
      Status status =
          decision.faster() ? Status.KEEP : against.explore() ? Status.EXPLORE : Status.DISCARD;
      Asi asi = Asi.of(proposal.hypothesis());
      if (status == Status.DISCARD) {
        asi =
            asi.rollback(
                decision.reason(), "try a change that removes more work from the hot path", null);
      }
      console.benched(seconds, status, decision.reason());
      return trial(status, asi, decision, seconds);
    }

    /**
     * The proposer took the proposal back during {@code stage}, whose processes were stopped: its
     * result, whatever it was, decides nothing.
     */
    Trial cancelled(String stage) {
      String reason = "cancelled by the proposer during the " + stage + " stage";
      console.refused(Status.CANCELLED, proposal.name(), run, reason);
      return trial(
          Status.CANCELLED,
          new Stop(Status.CANCELLED, reason, "nothing was decided: evaluate it again", null)
              .asi(proposal.hypothesis()),
          null,
          null);
    }

    private Trial crashed(Exception e, Instant t0) {
      double seconds = WallTime.seconds(Duration.between(t0, clock.instant()));
      Status status =
          e instanceof BenchFailedException f && f.timedOut() ? Status.TIMEOUT : Status.CRASH;
      Stop stop =
          new Stop(
              status, "the benchmark failed: " + e.getMessage(), ParityStage.hintFor(status), null);
      return trial(status, stop.asi(proposal.hypothesis()), null, seconds);
    }

    private Trial trial(Status status, Asi asi, BenchStage.Decision decision, Double bench) {
      return new Trial(
          run,
          against.best(),
          against.phase(),
          proposal,
          commit,
          diff,
          status,
          asi,
          decision,
          wall(decision, bench));
    }

    /** The stages' times; a benchmark that timed its warm-up is split into warm-up and measure. */
    private WallTime wall(BenchStage.Decision decision, Double bench) {
      if (decision == null || decision.warmupSeconds() == null) {
        return new WallTime(propose, buildSeconds, paritySeconds, bench);
      }
      // Measuring is the rest of the stage, so the parts add up to it.
      double warmup = WallTime.seconds(Math.min(decision.warmupSeconds(), bench));
      return new WallTime(
          propose, buildSeconds, paritySeconds, bench, warmup, WallTime.seconds(bench - warmup));
    }
  }
}

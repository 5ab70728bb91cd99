package dev.tuner.bench;

import dev.tuner.error.UsageException;

import dev.tuner.decide.Assessment;
import dev.tuner.decide.DecisionRule;
import dev.tuner.decide.ForkSummary;
import dev.tuner.decide.KeepRule;
import dev.tuner.decide.Pairing;
import dev.tuner.decide.SequentialPlan;
import dev.tuner.decide.SequentialPlan.Action;
import dev.tuner.spec.BenchmarkSpec;
import dev.tuner.spec.BenchmarkSpec.Design;
import dev.tuner.spec.TunerSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Measures a candidate B against the current best A and decides keep or discard: what {@code tuner
 * compare} prints and what {@code tuner optimize} keeps by.
 *
 * <p>Two designs ({@link Design}), both replicating whole measurements rather than samples:
 *
 * <ul>
 *   <li>{@code interleaved} (the default): one forked JVM loads both artifacts, each in its own
 *       class loader, and alternates them operation by operation; a round of every case is one
 *       replicate, A's and B's numbers from the same round a pair ({@link Pairing#PAIRED}). What
 *       disturbs one build (another tenant on the machine, a GC, the JIT) disturbs the other.
 *   <li>{@code forks}: JMH forks of A and B alternately (A, B, A, B, …), each fork's own histogram
 *       giving each case's p50 and p95; forks are independent replicates ({@link
 *       Pairing#INDEPENDENT}).
 * </ul>
 *
 * The decision is {@link SequentialPlan}'s (looks at {@link DecisionRule#looks()} replicates, α
 * spent across them) or, with {@code sequential} off, {@link KeepRule}'s on all the replicates of
 * the last look. Instances are immutable and thread-safe; each {@link #run} forks its own JVMs.
 */
public final class AbComparison {

  /**
   * One side of a comparison.
   *
   * @param label how reports name it (a revision, "best", "candidate")
   * @param artifact the built artifact (hot path + harness + benchmarks)
   * @param specFile the spec whose directory holds the fixtures this build replays, and whose case
   *     inputs it runs
   * @param jvmOptions this build's own JVM options, merged over {@link Settings#jvmArgs()}
   */
  public record Build(String label, Path artifact, Path specFile, List<String> jvmOptions) {

    public Build {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(artifact, "artifact");
      Objects.requireNonNull(specFile, "specFile");
      jvmOptions = List.copyOf(jvmOptions);
    }

    public Build(String label, Path artifact, Path specFile) {
      this(label, artifact, specFile, List.of());
    }

    /** The options this build's JVMs run with. */
    List<String> jvmArgs(List<String> base) {
      return dev.tuner.spec.JvmOptionsFile.merge(base, jvmOptions);
    }
  }

  /** Progress of a comparison; every method has a default that ignores it. */
  public interface Listener {
    /** The in-JVM design finished a warm-up round. */
    default void warmup(int round, double seconds) {}

    /** Another replicate of both sides is in. */
    default void replicate(Replicate replicate) {}

    /** The sequential plan looked (only with {@code sequential}). */
    default void look(SequentialPlan.Step step) {}
  }

  /**
   * What to measure and how to decide.
   *
   * @param rule δ, α, looks and the rest of the keep rule
   * @param sequential stop at the first look that decides; otherwise run every replicate of the last
   *     look and decide once, at the whole α
   * @param cases the case ids both sides run
   * @param jvmArgs the benchmark JVMs' options
   * @param warmupSeconds interleaved: warm-up before the first measured round
   * @param opsPerRound interleaved: operations per case and build in a round
   * @param jmh forks: each side's JMH run (its fork count is ignored: one per replicate)
   * @param workDir where benchmark JVMs run and write scratch files
   */
  public record Settings(
      Design design,
      DecisionRule rule,
      boolean sequential,
      List<String> cases,
      List<String> jvmArgs,
      String transport,
      int warmupSeconds,
      int opsPerRound,
      JmhOptions jmh,
      Path workDir) {

    public Settings {
      Objects.requireNonNull(design, "design");
      Objects.requireNonNull(rule, "rule");
      cases = List.copyOf(cases);
      jvmArgs = List.copyOf(jvmArgs);
      if (cases.isEmpty()) {
        throw new IllegalArgumentException("a comparison needs at least one case");
      }
      // Fails early, naming the looks, when no look could ever keep at this α.
      new SequentialPlan(rule, pairing(design));
    }

    /**
     * The spec's settings: {@code benchmark:} for the design, looks, α and JVMs; {@code
     * metric.threshold} for δ.
     */
    public static Settings of(TunerSpec spec, List<String> cases, Path workDir) {
      BenchmarkSpec b = spec.benchmark();
      DecisionRule rule = DecisionRule.defaults()
          .withThreshold(spec.metric().threshold())
          .withAlpha(b.compare().alpha())
          .withLooks(b.compare().looks());
      return new Settings(b.compare().design(), rule, true, cases, b.jvmArgs(), b.transport(),
          b.compare().warmupSeconds(), b.compare().opsPerRound(), JmhOptions.of(b), workDir);
    }

    /** Another design; the looks become that design's defaults unless {@code looks} is given. */
    public Settings withDesign(Design d, List<Integer> looks) {
      return new Settings(d, rule.withLooks(looks == null ? d.defaultLooks() : looks), sequential, cases, jvmArgs,
          transport, warmupSeconds, opsPerRound, jmh, workDir);
    }

    public Settings withRule(DecisionRule r) {
      return new Settings(design, r, sequential, cases, jvmArgs, transport, warmupSeconds, opsPerRound, jmh, workDir);
    }

    public Settings withSequential(boolean s) {
      return new Settings(design, rule, s, cases, jvmArgs, transport, warmupSeconds, opsPerRound, jmh, workDir);
    }

    public Settings withRounds(int warmup, int ops) {
      return new Settings(design, rule, sequential, cases, jvmArgs, transport, warmup, ops, jmh, workDir);
    }

    public Settings withJmh(JmhOptions j) {
      return new Settings(design, rule, sequential, cases, jvmArgs, transport, warmupSeconds, opsPerRound, j, workDir);
    }

    /** The most replicates per side a comparison runs: the last look. */
    public int maxReplicates() {
      return rule.looks().get(rule.looks().size() - 1);
    }

    /** How the replicates of this design relate. */
    public Pairing pairing() {
      return pairing(design);
    }

    private static Pairing pairing(Design design) {
      return design == Design.INTERLEAVED ? Pairing.PAIRED : Pairing.INDEPENDENT;
    }
  }

  /**
   * A decision and its evidence.
   *
   * @param action {@code KEEP} or {@code DISCARD}
   * @param look replicates per side the decision read
   * @param assessment p50, p95 and allocation B vs A at that look, and per case
   * @param replicates every replicate measured (the decision read the first {@code look})
   * @param seconds wall time from the start to the decision: JVM starts, warm-up, builds excluded
   * @param sides per case, allocation and calls per operation of each side
   */
  public record Outcome(
      Design design,
      Action action,
      int look,
      Assessment assessment,
      List<Replicate> replicates,
      double seconds,
      List<CaseSides> sides) {

    public Outcome {
      replicates = List.copyOf(replicates);
      sides = List.copyOf(sides);
    }

    public boolean keep() {
      return action == Action.KEEP;
    }
  }

  /**
   * One case's secondary numbers on each side, means over the replicates the decision read.
   *
   * @param callsA upstream → calls per operation on A
   */
  public record CaseSides(String caseId, double allocBytesA, double allocBytesB,
      Map<String, Double> callsA, Map<String, Double> callsB) {}

  private final Settings settings;

  public AbComparison(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Measures B against A until the plan decides (or, not sequential, to the last look).
   *
   * @param log the benchmark JVMs' own output
   * @throws BenchFailedException if a benchmark JVM fails (an artifact that does not run, a case
   *     that throws)
   */
  public Outcome run(Build a, Build b, Listener listener, PrintWriter log)
      throws IOException, BenchFailedException, UsageException {
    return run(a, b, listener, log, null);
  }

  /**
   * Like {@link #run(Build, Build, Listener, PrintWriter)}, killing the benchmark JVMs and failing
   * with {@link BenchFailedException#timedOut()} once {@code timeout} (null: none) has passed.
   */
  public Outcome run(Build a, Build b, Listener listener, PrintWriter log, Duration timeout)
      throws IOException, BenchFailedException, UsageException {
    Files.createDirectories(settings.workDir());
    long start = System.nanoTime();
    Collector collected = new Collector(start, listener);
    if (settings.design() == Design.INTERLEAVED) {
      runInterleaved(a, b, collected, log, timeout);
    } else {
      runForks(a, b, collected, log, timeout == null ? null : start + timeout.toNanos());
    }
    return collected.outcome();
  }

  /** Decides on the first {@code n} replicates as the plan would, for calibration. */
  public Optional<SequentialPlan.Step> sequentialDecision(List<Replicate> replicates) {
    SequentialPlan plan = new SequentialPlan(settings.rule(), settings.pairing());
    List<ForkSummary> a = new ArrayList<>();
    List<ForkSummary> b = new ArrayList<>();
    for (Replicate r : replicates) {
      a.add(r.a());
      b.add(r.b());
      if (settings.rule().looks().contains(a.size())) {
        SequentialPlan.Step step = plan.next(a, b);
        if (step.action() != Action.CONTINUE) {
          return Optional.of(step);
        }
      }
    }
    return Optional.empty();
  }

  /** The fixed design's decision on all the replicates given, at the whole α. */
  public Assessment fixedDecision(List<Replicate> replicates) {
    return new KeepRule(settings.rule(), settings.pairing()).assess(
        replicates.stream().map(Replicate::a).toList(), replicates.stream().map(Replicate::b).toList());
  }

  /**
   * Two JVMs, the second with the builds' roles swapped, taking turns round by round: whatever favours
   * the build in one role of a JVM (we measured about 0.7% in p50 for the B role, whichever copy was
   * loaded or run first) favours each build in half the rounds, and cancels.
   */
  private void runInterleaved(Build a, Build b, Collector collected, PrintWriter log, Duration timeout)
      throws IOException, BenchFailedException, UsageException {
    if (!a.jvmArgs(settings.jvmArgs()).equals(b.jvmArgs(settings.jvmArgs()))) {
      // Both builds share one JVM here; different JVM options can only be compared in separate JVMs.
      throw new UsageException("the interleaved design runs both builds in one JVM, so it cannot compare"
          + " different JVM options (" + a.jvmOptions() + " vs " + b.jvmOptions() + "); use the forks design");
    }
    long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    int rounds = (settings.maxReplicates() + 1) / 2;
    java.util.function.BiConsumer<Integer, Double> warmup = collected.listener::warmup;
    // Both JVMs warm up at once, a core each: warm-up is a fixed cost of every decision, so halving
    // its wall time shortens every comparison the loop makes.
    try (InterleavedRun one = start(a, b, false, rounds, log, deadline);
        InterleavedRun two = start(a, b, true, rounds, log, deadline)) {
      one.awaitReady(warmup);
      two.awaitReady(warmup);
      for (int n = 1; n <= settings.maxReplicates(); n++) {
        InterleavedRun.Round r = (n % 2 == 1 ? one : two).round();
        if (collected.add(r.a(), r.b(), r.callsA(), r.callsB())) {
          return;
        }
      }
    }
  }

  private InterleavedRun start(Build a, Build b, boolean swapped, int rounds, PrintWriter log, long deadline)
      throws IOException, BenchFailedException {
    Duration left = deadline == Long.MAX_VALUE ? null : remaining(deadline);
    return InterleavedRun.start(a, b, swapped, settings.cases(), a.jvmArgs(settings.jvmArgs()), settings.transport(),
        settings.warmupSeconds(), rounds, settings.opsPerRound(), settings.workDir(), log, left);
  }

  private void runForks(Build a, Build b, Collector collected, PrintWriter log, Long deadline)
      throws IOException, BenchFailedException {
    JmhOptions oneFork = settings.jmh().withForks(1);
    for (int i = 0; i < settings.maxReplicates(); i++) {
      BenchRun runA = JmhRunner.run(settings.workDir(), a.artifact(), a.specFile(), settings.cases(),
          oneFork.withJvmArgs(a.jvmArgs(settings.jvmArgs())), settings.workDir().resolve("a"), log, remaining(deadline));
      BenchRun runB = JmhRunner.run(settings.workDir(), b.artifact(), b.specFile(), settings.cases(),
          oneFork.withJvmArgs(b.jvmArgs(settings.jvmArgs())), settings.workDir().resolve("b"), log, remaining(deadline));
      if (collected.add(single(runA), single(runB), calls(runA), calls(runB))) {
        return;
      }
    }
  }

  private static Duration remaining(Long deadline) throws BenchFailedException {
    if (deadline == null) {
      return null;
    }
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new BenchFailedException("the comparison ran past its time", true);
    }
    return Duration.ofNanos(left);
  }

  private static ForkSummary single(BenchRun run) {
    return ForkSummary.of(run.results(), BenchRun::caseId).get(0);
  }

  private static Map<String, Map<String, Double>> calls(BenchRun run) {
    Map<String, Map<String, Double>> calls = new java.util.TreeMap<>();
    run.callsPerOp().forEach((id, forks) -> calls.put(id, BenchSummary.meanCalls(forks)));
    return calls;
  }

  /** Gathers replicates and applies the plan after each. */
  private final class Collector {
    private final long start;
    private final Listener listener;
    private final List<ForkSummary> a = new ArrayList<>();
    private final List<ForkSummary> b = new ArrayList<>();
    private final List<Replicate> replicates = new ArrayList<>();
    private final SequentialPlan plan = new SequentialPlan(settings.rule(), settings.pairing());
    private Action action;
    private int look;
    private Assessment assessment;
    private double decidedAt;

    Collector(long start, Listener listener) {
      this.start = start;
      this.listener = listener;
    }

    /** Adds a replicate; true once decided. */
    boolean add(ForkSummary ra, ForkSummary rb, Map<String, Map<String, Double>> callsA,
        Map<String, Map<String, Double>> callsB) {
      a.add(ra);
      b.add(rb);
      double now = (System.nanoTime() - start) / 1e9;
      Replicate replicate = new Replicate(a.size(), now, ra, rb, callsA, callsB);
      replicates.add(replicate);
      listener.replicate(replicate);
      int n = a.size();
      if (settings.sequential() && settings.rule().looks().contains(n)) {
        SequentialPlan.Step step = plan.next(a, b);
        listener.look(step);
        if (step.action() != Action.CONTINUE) {
          decide(step.action(), n, step.evidence().orElseThrow(), now);
        }
      } else if (!settings.sequential() && n == settings.maxReplicates()) {
        Assessment fixed = new KeepRule(settings.rule(), settings.pairing()).assess(a, b);
        decide(fixed.keep() ? Action.KEEP : Action.DISCARD, n, fixed, now);
      }
      return decided();
    }

    private void decide(Action act, int n, Assessment evidence, double now) {
      action = act;
      look = n;
      assessment = evidence;
      decidedAt = now;
    }

    boolean decided() {
      return action != null;
    }

    Outcome outcome() throws BenchFailedException {
      if (!decided()) {
        throw new BenchFailedException("no decision after " + a.size() + " replicates");
      }
      return new Outcome(settings.design(), action, look, assessment, replicates, decidedAt,
          sides(replicates.subList(0, look)));
    }
  }

  private static List<CaseSides> sides(List<Replicate> used) {
    List<CaseSides> sides = new ArrayList<>();
    for (String id : used.get(0).a().cases().keySet().stream().sorted().toList()) {
      sides.add(new CaseSides(id,
          used.stream().mapToDouble(r -> r.a().cases().get(id).allocBytesPerOp()).average().orElse(0),
          used.stream().mapToDouble(r -> r.b().cases().get(id).allocBytesPerOp()).average().orElse(0),
          BenchSummary.meanCalls(used.stream().map(r -> r.callsA().getOrDefault(id, Map.of())).toList()),
          BenchSummary.meanCalls(used.stream().map(r -> r.callsB().getOrDefault(id, Map.of())).toList())));
    }
    return sides;
  }
}

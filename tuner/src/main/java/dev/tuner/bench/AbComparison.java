package dev.tuner.bench;

import dev.tuner.decide.Assessment;
import dev.tuner.decide.DecisionRule;
import dev.tuner.decide.ForkSummary;
import dev.tuner.decide.KeepRule;
import dev.tuner.decide.Pairing;
import dev.tuner.decide.SequentialPlan;
import dev.tuner.error.UsageException;
import dev.tuner.io.Classpath;
import dev.tuner.spec.BenchmarkSpec.Design;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 *   <li>{@code interleaved} (the default): one forked JVM loads both builds, each in its own class
 *       loader, and alternates them operation by operation; a round of every case is one replicate,
 *       A's and B's numbers from the same round a pair ({@link Pairing#PAIRED}). What disturbs one
 *       build (another tenant on the machine, a GC, the JIT) disturbs the other.
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
   * @param classpath the build: tuner's runner, then the hot path's classes and libraries
   * @param specFile the spec whose directory holds the fixtures this build replays, and whose case
   *     inputs it runs
   * @param jvmOptions this build's own JVM options, merged over {@link CompareSettings#jvmArgs()}
   */
  public record Build(String label, Classpath classpath, Path specFile, List<String> jvmOptions) {

    public Build {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(classpath, "classpath");
      Objects.requireNonNull(specFile, "specFile");
      jvmOptions = List.copyOf(jvmOptions);
    }

    public Build(String label, Classpath classpath, Path specFile) {
      this(label, classpath, specFile, List.of());
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

    /** The in-JVM design's JVMs are warm, {@code seconds} after the comparison started. */
    default void warmedUp(double seconds, boolean steady) {}

    /** Another replicate of both sides is in. */
    default void replicate(Replicate replicate) {}

    /** The sequential plan looked (only with {@code sequential}). */
    default void look(SequentialPlan.Step step) {}
  }

  private final CompareSettings settings;
  private final WarmJvms jvms;

  /** Starts the interleaved design's JVMs anew for each comparison. */
  public AbComparison(CompareSettings settings) {
    this(settings, WarmJvms.fresh());
  }

  /** Takes the interleaved design's JVMs from {@code jvms}, which may keep them warm. */
  public AbComparison(CompareSettings settings, WarmJvms jvms) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.jvms = Objects.requireNonNull(jvms, "jvms");
  }

  public CompareSettings settings() {
    return settings;
  }

  /**
   * Measures B against A until the plan decides (or, not sequential, to the last look).
   *
   * @param log the benchmark JVMs' own output
   * @throws BenchFailedException if a benchmark JVM fails (a class path that does not run, a case
   *     that throws)
   */
  public CompareOutcome run(Build a, Build b, Listener listener, PrintWriter log)
      throws IOException, BenchFailedException, UsageException {
    return run(a, b, listener, log, null);
  }

  /**
   * Like {@link #run(Build, Build, Listener, PrintWriter)}, killing the benchmark JVMs and failing
   * with {@link BenchFailedException#timedOut()} once {@code timeout} (null: none) has passed.
   */
  public CompareOutcome run(Build a, Build b, Listener listener, PrintWriter log, Duration timeout)
      throws IOException, BenchFailedException, UsageException {
    Files.createDirectories(settings.workDir());
    long start = System.nanoTime();
    Replicates collected = new Replicates(settings, start, listener);
    if (settings.design() == Design.INTERLEAVED) {
      runInterleaved(a, b, collected, log, timeout);
    } else {
      runForks(a, b, collected, log, timeout == null ? null : start + timeout.toNanos());
    }
    return collected.outcome();
  }

  /** Decides on the first {@code n} replicates as the plan would, for calibration. */
  public Optional<SequentialPlan.Step> sequentialDecision(List<Replicate> replicates) {
    return new SequentialPlan(settings.rule(), settings.pairing())
        .decide(
            replicates.stream().map(Replicate::a).toList(),
            replicates.stream().map(Replicate::b).toList());
  }

  /** The fixed design's decision on all the replicates given, at the whole α. */
  public Assessment fixedDecision(List<Replicate> replicates) {
    return new KeepRule(settings.rule(), settings.pairing())
        .assess(
            replicates.stream().map(Replicate::a).toList(),
            replicates.stream().map(Replicate::b).toList());
  }

  /**
   * Two JVMs, the second with the builds' roles swapped, taking turns round by round: whatever
   * favours the build in one role of a JVM (we measured about 0.7% in p50 for the B role, whichever
   * copy was loaded or run first) favours each build in half the rounds, and cancels.
   */
  private void runInterleaved(
      Build a, Build b, Replicates collected, PrintWriter log, Duration timeout)
      throws IOException, BenchFailedException, UsageException {
    if (!a.jvmArgs(settings.jvmArgs()).equals(b.jvmArgs(settings.jvmArgs()))) {
      // Both builds share one JVM here; different JVM options can only be compared in separate
      // JVMs.
      throw new UsageException(
          "the interleaved design runs both builds in one JVM, so it cannot compare"
              + " different JVM options ("
              + a.jvmOptions()
              + " vs "
              + b.jvmOptions()
              + "); use the forks design");
    }
    long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    int rounds = (settings.maxReplicates() + 1) / 2;
    WarmJvms.Launch launch =
        new WarmJvms.Launch(
            a.jvmArgs(settings.jvmArgs()),
            settings.cases(),
            settings.transport(),
            settings.warmupSeconds(),
            settings.warmup().label(),
            rounds,
            settings.opsPerRound(),
            settings.quantiles(),
            settings.clock());
    // Both JVMs warm up at once, a core each: warm-up is a fixed cost of every decision, so halving
    // its wall time shortens every comparison the loop makes.
    WarmJvms.Starter starter = (x, y, swapped) -> start(x, y, swapped, rounds, log, deadline);
    WarmJvms.Pair pair =
        jvms.take(
            a,
            b,
            launch,
            starter,
            deadline == Long.MAX_VALUE ? null : remaining(deadline),
            collected.listener::warmup,
            log);
    boolean whole = false;
    try {
      collected.warmedUp(pair.steady);
      for (int n = 1; n <= settings.maxReplicates(); n++) {
        if (settings.newJvmsAt(n)) {
          // A close call. Each JVM compiles each build its own way, an offset of B/A that no
          // number of its rounds averages away; the rest of the rounds come from two new JVMs.
          pair.close();
          collected.warmingUp();
          pair = jvms.start(a, b, launch, starter, collected.listener::warmup, log);
          collected.warmedUp(pair.steady);
        }
        InterleavedRun.Round r = (n % 2 == 1 ? pair.one : pair.two).round(pair.clock);
        if (collected.add(r.a(), r.b(), r.callsA(), r.callsB(), r.samples())) {
          break;
        }
      }
      whole = true;
    } finally {
      jvms.release(pair, whole);
    }
  }

  private InterleavedRun start(
      Build a, Build b, boolean swapped, int rounds, PrintWriter log, long deadline)
      throws IOException, BenchFailedException {
    Duration left = deadline == Long.MAX_VALUE ? null : remaining(deadline);
    return InterleavedRun.start(
        a,
        b,
        swapped,
        settings.cases(),
        a.jvmArgs(settings.jvmArgs()),
        settings.transport(),
        settings.warmupSeconds(),
        settings.warmup().label(),
        rounds,
        settings.opsPerRound(),
        settings.quantiles(),
        log,
        left);
  }

  private interface ForkRun {
    BenchRun run() throws IOException, BenchFailedException;
  }

  /**
   * One side's JMH fork; a failure names the side (a timeout is the comparison's, not a side's).
   */
  private static BenchRun fork(BenchFailedException.Side side, ForkRun run)
      throws IOException, BenchFailedException {
    try {
      return run.run();
    } catch (BenchFailedException e) {
      if (e.timedOut()) {
        throw e;
      }
      throw new BenchFailedException("build " + side + ": " + e.getMessage(), side);
    }
  }

  private void runForks(Build a, Build b, Replicates collected, PrintWriter log, Long deadline)
      throws IOException, BenchFailedException {
    JmhOptions oneFork = settings.jmh().withForks(1);
    for (int i = 0; i < settings.maxReplicates(); i++) {
      BenchRun runA =
          fork(
              BenchFailedException.Side.A,
              () ->
                  JmhRunner.run(
                      a.classpath(),
                      a.specFile(),
                      settings.cases(),
                      oneFork.withJvmArgs(a.jvmArgs(settings.jvmArgs())),
                      settings.workDir().resolve("a"),
                      log,
                      remaining(deadline)));
      BenchRun runB =
          fork(
              BenchFailedException.Side.B,
              () ->
                  JmhRunner.run(
                      b.classpath(),
                      b.specFile(),
                      settings.cases(),
                      oneFork.withJvmArgs(b.jvmArgs(settings.jvmArgs())),
                      settings.workDir().resolve("b"),
                      log,
                      remaining(deadline)));
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
}

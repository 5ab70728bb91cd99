package dev.tuner.bench;

import dev.tuner.harness.runner.InterleaveProtocol;
import dev.tuner.measure.Clock;
import dev.tuner.measure.QuantileEstimator;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The interleaved design's two benchmark JVMs, from one comparison to the next. {@link #fresh()}
 * starts them for each comparison and ends them after it. {@link #keeping()} (the spec's {@code
 * benchmark.compare.keepWarm}) keeps them between comparisons: when the next one's best is a build
 * they hold (the last best, or the last candidate, now kept), that build stays loaded and warm, the
 * other is closed, and only the new candidate is loaded and warmed up. A closed build that left a
 * thread or a JVM-wide setting behind ends its JVM ({@code Leftovers} in the harness), and the
 * comparison starts fresh JVMs, so nothing of a discarded candidate reaches the next comparison.
 *
 * <p>One comparison at a time; whoever made a keeping instance closes it.
 */
public final class WarmJvms implements AutoCloseable {

  /** What both JVMs were started with besides the builds: a change means new JVMs. */
  record Launch(
      List<String> jvmArgs,
      List<String> cases,
      String transport,
      int warmupSeconds,
      String warmup,
      int rounds,
      int ops,
      QuantileEstimator quantiles,
      Clock clock) {}

  /** Starts one JVM of a pair ({@link InterleavedRun#start}). */
  interface Starter {
    InterleavedRun start(AbComparison.Build a, AbComparison.Build b, boolean swapped)
        throws IOException, BenchFailedException;
  }

  /**
   * Two JVMs, the second with the roles swapped, holding {@code a} as A and {@code b} as B; their
   * rounds are read on {@code clock}.
   */
  static final class Pair implements AutoCloseable {
    final InterleavedRun one;
    final InterleavedRun two;
    final AbComparison.Build a;
    final AbComparison.Build b;
    final Launch launch;
    final boolean steady;
    final Clock clock;

    /** Whether the JVMs were started for this comparison (false: kept from the last one). */
    final boolean started;

    private Pair(
        InterleavedRun one,
        InterleavedRun two,
        AbComparison.Build a,
        AbComparison.Build b,
        Launch launch,
        boolean steady,
        Clock clock,
        boolean started) {
      this.one = one;
      this.two = two;
      this.a = a;
      this.b = b;
      this.launch = launch;
      this.steady = steady;
      this.clock = clock;
      this.started = started;
    }

    /** The pair once both JVMs are warm (they warm up at once, a core each). */
    static Pair ready(
        InterleavedRun one,
        InterleavedRun two,
        AbComparison.Build a,
        AbComparison.Build b,
        Launch launch,
        boolean started,
        BiConsumer<Integer, Double> warmup,
        PrintWriter log)
        throws IOException, BenchFailedException {
      InterleaveProtocol.Ready first = one.awaitReady(warmup);
      InterleaveProtocol.Ready second = two.awaitReady(warmup);
      return new Pair(
          one,
          two,
          a,
          b,
          launch,
          first.steady() && second.steady(),
          clock(launch.clock(), first.cpu() && second.cpu(), log),
          started);
    }

    /**
     * The clock asked for, or the wall clock when it is the CPU clock and a JVM measures no CPU
     * time: rather than fail every comparison of a project on an older harness, read what both JVMs
     * measure, and say so.
     */
    private static Clock clock(Clock asked, boolean cpu, PrintWriter log) {
      if (asked != Clock.CPU || cpu) {
        return asked;
      }
      log.println(
          "tuner: the benchmark JVMs measure no thread CPU time (a harness older than the cpu"
              + " clock, or a JVM without it); this comparison reads the wall clock");
      log.flush();
      return Clock.WALL;
    }

    boolean alive() {
      return one.alive() && two.alive();
    }

    @Override
    public void close() {
      try (InterleavedRun first = one;
          InterleavedRun second = two) {
        // both ended
      }
    }
  }

  private final boolean keep;
  private Pair held;

  private WarmJvms(boolean keep) {
    this.keep = keep;
  }

  /** New JVMs for every comparison. */
  public static WarmJvms fresh() {
    return new WarmJvms(false);
  }

  /** JVMs kept between comparisons, the best warm. */
  public static WarmJvms keeping() {
    return new WarmJvms(true);
  }

  /** {@link #keeping()} if {@code keep}, else {@link #fresh()}. */
  public static WarmJvms of(boolean keep) {
    return keep ? keeping() : fresh();
  }

  /**
   * Two warm JVMs to measure {@code b} against {@code a}: the held ones with {@code b} loaded in
   * place of the build that is not {@code a}, or new ones. {@code warmup} hears each warm-up round.
   * Give the pair back with {@link #release}.
   */
  synchronized Pair take(
      AbComparison.Build a,
      AbComparison.Build b,
      Launch launch,
      Starter starter,
      Duration timeout,
      BiConsumer<Integer, Double> warmup,
      PrintWriter log)
      throws IOException, BenchFailedException {
    Pair kept = held;
    held = null;
    if (kept != null) {
      Pair reused = reuse(kept, a, b, launch, timeout, warmup, log);
      if (reused != null) {
        return reused;
      }
    }
    return start(a, b, launch, starter, warmup, log);
  }

  /**
   * Two new JVMs to measure {@code b} against {@code a}, whatever is held; give them back with
   * {@link #release}.
   */
  Pair start(
      AbComparison.Build a,
      AbComparison.Build b,
      Launch launch,
      Starter starter,
      BiConsumer<Integer, Double> warmup,
      PrintWriter log)
      throws IOException, BenchFailedException {
    InterleavedRun one = starter.start(a, b, false);
    try {
      InterleavedRun two = starter.start(a, b, true);
      try {
        return Pair.ready(one, two, a, b, launch, true, warmup, log);
      } catch (IOException | BenchFailedException | RuntimeException e) {
        two.close();
        throw e;
      }
    } catch (IOException | BenchFailedException | RuntimeException e) {
      one.close();
      throw e;
    }
  }

  /**
   * The held pair with {@code b} loaded, or null (and the pair ended) when it holds neither a build
   * like {@code a} nor the same launch, or a closed build left something behind.
   */
  private Pair reuse(
      Pair kept,
      AbComparison.Build a,
      AbComparison.Build b,
      Launch launch,
      Duration timeout,
      BiConsumer<Integer, Double> warmup,
      PrintWriter log)
      throws IOException, BenchFailedException {
    boolean wasA = same(a, kept.a);
    boolean wasB = !wasA && same(a, kept.b);
    if (!kept.alive() || !launch.equals(kept.launch) || !(wasA || wasB)) {
      kept.close();
      return null;
    }
    try {
      kept.one.deadline(timeout);
      kept.two.deadline(timeout);
      if (wasB) {
        kept.one.swap();
        kept.two.swap();
      }
      kept.one.load(b);
      kept.two.load(b);
      return Pair.ready(kept.one, kept.two, a, b, launch, false, warmup, log);
    } catch (InterleavedRun.StaleException e) {
      log.println("tuner: " + e.getMessage() + "; starting fresh benchmark JVMs");
      log.flush();
      kept.close();
      return null;
    } catch (IOException | BenchFailedException | RuntimeException e) {
      kept.close();
      throw e;
    }
  }

  /**
   * Hands back a pair after its comparison: kept for the next one if this instance keeps and the
   * comparison ended {@code whole} (not by a failure, a timeout or an interruption), else ended.
   */
  synchronized void release(Pair pair, boolean whole) {
    if (keep && whole && pair.alive()) {
      pair.one.deadline(null);
      pair.two.deadline(null);
      held = pair;
    } else {
      pair.close();
    }
  }

  /** Ends the JVMs held, if any. */
  @Override
  public synchronized void close() {
    if (held != null) {
      held.close();
      held = null;
    }
  }

  /** Whether two builds load the same classes with the same fixtures. */
  private static boolean same(AbComparison.Build x, AbComparison.Build y) {
    return x.classpath().equals(y.classpath())
        && x.specFile().toAbsolutePath().equals(y.specFile().toAbsolutePath());
  }
}

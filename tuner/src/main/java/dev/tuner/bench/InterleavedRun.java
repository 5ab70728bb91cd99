package dev.tuner.bench;

import dev.tuner.decide.CaseFork;
import dev.tuner.decide.ForkSummary;
import dev.tuner.harness.runner.InterleaveProtocol;
import dev.tuner.io.JavaFork;
import dev.tuner.io.Processes;
import dev.tuner.measure.Clock;
import dev.tuner.measure.QuantileEstimator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One JVM of the in-JVM design: the harness's {@code InterleaveMain} forked on the first build's
 * classpath, loading both builds each in its own class loader. It warms up on its own, says when it
 * is ready, then runs one round each time it is asked, so two of them can take turns; closing it
 * ends the JVM. A run started {@code swapped} holds the builds in each other's roles, and its
 * rounds are reported with the sides swapped back.
 */
final class InterleavedRun implements AutoCloseable {

  static final String MAIN = InterleaveProtocol.MAIN;

  /**
   * One round as the JVM reported it.
   *
   * @param seconds since the JVM started measuring (after loading both builds)
   */
  record Round(
      int index,
      boolean warmup,
      double seconds,
      ForkSummary a,
      ForkSummary b,
      Map<String, Map<String, Double>> callsA,
      Map<String, Map<String, Double>> callsB,
      Replicate.Samples samples) {}

  private final Process process;
  private final BufferedReader lines;
  private final java.io.Writer requests;
  private final PrintWriter log;
  private final boolean swapped;
  private final QuantileEstimator quantiles;
  private final java.util.concurrent.atomic.AtomicBoolean killed =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** When the watchdog kills the JVM ({@link System#nanoTime()}); re-armed per comparison. */
  private volatile long deadline = NO_DEADLINE;

  private static final long NO_DEADLINE = Long.MAX_VALUE;

  /**
   * The JVM ended rather than measure again: a build it closed left something behind ({@link
   * InterleaveProtocol.Stale}).
   */
  static final class StaleException extends IOException {
    StaleException(String reason) {
      super(reason);
    }
  }

  /** Package-private for a test's stand-in process; {@link #start} forks the real JVM. */
  InterleavedRun(
      Process process,
      PrintWriter log,
      Duration timeout,
      boolean swapped,
      QuantileEstimator quantiles) {
    this.process = process;
    this.lines =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.requests =
        new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.log = log;
    this.swapped = swapped;
    this.quantiles = quantiles;
    deadline(timeout);
    // A round that never ends blocks the reader: the watchdog kills the JVM, which ends the stream.
    Thread watchdog =
        new Thread(
            () -> {
              try {
                while (true) {
                  long d = deadline;
                  long left = d == NO_DEADLINE ? 1000 : (d - System.nanoTime()) / 1_000_000;
                  if (d != NO_DEADLINE && left <= 0) {
                    killed.set(true);
                    close();
                    return;
                  }
                  if (process.waitFor(
                      Math.min(1000, Math.max(1, left)),
                      java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    return;
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "interleave-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /** From now, the JVM may run for {@code timeout} more (null: no limit) before it is killed. */
  void deadline(Duration timeout) {
    deadline = timeout == null ? NO_DEADLINE : System.nanoTime() + timeout.toNanos();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The builds exchange roles in the JVM. */
  void swap() throws IOException, BenchFailedException {
    send(new InterleaveProtocol.Swap());
  }

  /**
   * Closes our B in the JVM and loads {@code b} in its place; {@link #awaitReady} then reads its
   * warm-up.
   */
  void load(AbComparison.Build b) throws IOException, BenchFailedException {
    send(
        new InterleaveProtocol.Load(
            swapped ? "a" : "b",
            b.classpath().absolute().toString(),
            b.specFile().toAbsolutePath().toString()));
  }

  private void send(InterleaveProtocol.Command command) throws IOException, BenchFailedException {
    try {
      requests.write(command.line() + "\n");
      requests.flush();
    } catch (IOException e) {
      nextLine(); // the JVM is gone: report why
      throw e;
    }
  }

  /**
   * Starts the JVM: warm-up ({@code steady}: until the JVM is warm, at most {@code warmupSeconds};
   * {@code fixed}: {@code warmupSeconds}), then at most {@code rounds} rounds on request. With
   * {@code swapped}, B takes A's role in the JVM (loaded first, its class path the class path).
   */
  static InterleavedRun start(
      AbComparison.Build a,
      AbComparison.Build b,
      boolean swapped,
      List<String> cases,
      List<String> jvmArgs,
      String transport,
      int warmupSeconds,
      String warmup,
      int rounds,
      int ops,
      QuantileEstimator quantiles,
      PrintWriter log,
      Duration timeout)
      throws IOException {
    // In A's spec directory, as parity and JMH run: a hot path reads a case's files there.
    Path workDir = a.specFile().toAbsolutePath().getParent();
    if (swapped) {
      AbComparison.Build t = a;
      a = b;
      b = t;
    }
    List<String> args =
        new InterleaveProtocol.Launch(
                a.classpath().absolute().toString(),
                a.specFile().toAbsolutePath(),
                b.classpath().absolute().toString(),
                b.specFile().toAbsolutePath(),
                cases,
                transport,
                warmupSeconds,
                warmup,
                rounds,
                ops,
                true)
            .arguments();
    Process process =
        JavaFork.start(workDir, a.classpath().absolute(), jvmArgs, MAIN, args, Map.of());
    JavaFork.relay(process.getErrorStream(), log);
    return new InterleavedRun(process, log, timeout, swapped, quantiles);
  }

  /**
   * Reads the warm-up rounds, telling {@code warmup} each one's index and seconds, until the JVM is
   * ready, and returns how its warm-up ended.
   */
  InterleaveProtocol.Ready awaitReady(java.util.function.BiConsumer<Integer, Double> warmup)
      throws IOException, BenchFailedException {
    while (true) {
      InterleaveProtocol.Message line = nextLine();
      if (line instanceof InterleaveProtocol.Ready ready) {
        return ready;
      }
      if (line instanceof InterleaveProtocol.Round round) {
        warmup.accept(round.round(), round.seconds());
      }
    }
  }

  /**
   * Asks for one round and returns it, read on {@code clock}: the CPU clock only when the JVM said
   * it measures CPU time ({@link InterleaveProtocol.Ready#cpu()}).
   */
  Round round(Clock clock) throws IOException, BenchFailedException {
    send(new InterleaveProtocol.RoundRequest());
    if (!(nextLine() instanceof InterleaveProtocol.Round line)) {
      throw new BenchFailedException("the in-JVM A/B runner said it was ready twice");
    }
    try {
      return parse(line, swapped, quantiles, clock);
    } catch (IllegalArgumentException e) {
      throw new BenchFailedException("the in-JVM A/B runner: " + e.getMessage());
    }
  }

  /**
   * The next line of the JVM's protocol; anything else it prints (the hot path's own output) goes
   * to the log.
   */
  private InterleaveProtocol.Message nextLine() throws IOException, BenchFailedException {
    String line;
    while ((line = readLine()) != null) {
      if (InterleaveProtocol.isProtocolLine(line)) {
        InterleaveProtocol.Message message = InterleaveProtocol.parse(line);
        if (message instanceof InterleaveProtocol.Failed failed) {
          throw failed(failed);
        }
        if (message instanceof InterleaveProtocol.Stale stale) {
          throw new StaleException(stale.reason());
        }
        return message;
      }
      log.println(line);
      log.flush();
    }
    int code;
    try {
      code = process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the benchmark JVM", e);
    }
    if (killed.get()) {
      throw timedOut();
    }
    throw new BenchFailedException(
        "the in-JVM A/B runner ended (exit "
            + code
            + ") before it was done; its output"
            + " is above");
  }

  /**
   * One line of the JVM's output, null at its end. The watchdog's kill can close the stream under a
   * read in progress ({@code IOException: Stream closed}) rather than end it: once the run was
   * killed for its deadline, that is the timeout.
   */
  private String readLine() throws IOException, BenchFailedException {
    try {
      return lines.readLine();
    } catch (IOException e) {
      if (!killed.get()) {
        throw e;
      }
      BenchFailedException timedOut = timedOut();
      timedOut.addSuppressed(e);
      throw timedOut;
    }
  }

  /** The JVM's own roles, swapped back to ours. */
  private BenchFailedException failed(InterleaveProtocol.Failed failed) {
    boolean jvmA = failed.side().equals("a");
    BenchFailedException.Side side =
        jvmA != swapped ? BenchFailedException.Side.A : BenchFailedException.Side.B;
    return new BenchFailedException(
        "build " + side + " failed in the in-JVM A/B runner: " + failed.error(), side);
  }

  private static BenchFailedException timedOut() {
    return new BenchFailedException("the in-JVM A/B runner ran past its time and was killed", true);
  }

  /** Stops the JVM if it still runs. */
  @Override
  public void close() {
    if (process.isAlive()) {
      Processes.killTree(process);
    }
  }

  /**
   * A round line, each side's quantiles read by {@code quantiles} on {@code clock}; {@code
   * swapped}: the JVM's A was our B, so its sides are swapped back.
   *
   * @throws IllegalArgumentException for the CPU clock when the line holds no CPU times
   */
  static Round parse(
      InterleaveProtocol.Round line, boolean swapped, QuantileEstimator quantiles, Clock clock) {
    Map<String, CaseFork> a = new LinkedHashMap<>();
    Map<String, CaseFork> b = new LinkedHashMap<>();
    Map<String, Map<String, Double>> callsA = new TreeMap<>();
    Map<String, Map<String, Double>> callsB = new TreeMap<>();
    Map<String, double[]> nanosA = new TreeMap<>();
    Map<String, double[]> nanosB = new TreeMap<>();
    Map<String, double[]> cpuA = new TreeMap<>();
    Map<String, double[]> cpuB = new TreeMap<>();
    line.cases()
        .forEach(
            (id, c) -> {
              nanosA.put(id, values(c.a().nanos()));
              nanosB.put(id, values(c.b().nanos()));
              if (!c.a().cpuNanos().isEmpty() && !c.b().cpuNanos().isEmpty()) {
                cpuA.put(id, values(c.a().cpuNanos()));
                cpuB.put(id, values(c.b().cpuNanos()));
              }
              if (clock == Clock.CPU && !cpuA.containsKey(id)) {
                throw new IllegalArgumentException("the rounds hold no CPU times to read");
              }
              boolean cpu = clock == Clock.CPU;
              a.put(
                  id,
                  Replicate.caseFork(
                      cpu ? cpuA.get(id) : null,
                      nanosA.get(id),
                      c.a().allocBytesPerOp(),
                      quantiles));
              b.put(
                  id,
                  Replicate.caseFork(
                      cpu ? cpuB.get(id) : null,
                      nanosB.get(id),
                      c.b().allocBytesPerOp(),
                      quantiles));
              callsA.put(id, new TreeMap<>(c.a().callsPerOp()));
              callsB.put(id, new TreeMap<>(c.b().callsPerOp()));
            });
    return swapped
        ? new Round(
            line.round(),
            line.warmup(),
            line.seconds(),
            new ForkSummary(b),
            new ForkSummary(a),
            callsB,
            callsA,
            new Replicate.Samples(nanosB, nanosA, cpuB, cpuA))
        : new Round(
            line.round(),
            line.warmup(),
            line.seconds(),
            new ForkSummary(a),
            new ForkSummary(b),
            callsA,
            callsB,
            new Replicate.Samples(nanosA, nanosB, cpuA, cpuB));
  }

  /** The side's quantiles from its own samples in the round, as a fork's are from its histogram. */
  private static double[] values(List<Long> nanos) {
    return nanos.stream().mapToDouble(Number::doubleValue).toArray();
  }
}

package dev.tuner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuner.decide.CaseFork;
import dev.tuner.decide.ForkSummary;
import dev.tuner.fork.JavaFork;
import dev.tuner.measure.Histogram;
import dev.tuner.measure.Quantiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The in-JVM design's JVM: the harness's {@code InterleaveMain} forked on A's artifact, loading A
 * and B each in its own class loader and printing one JSON line per round, read here as they come
 * so the sequential plan can stop the JVM as soon as it has decided.
 */
final class InterleavedRun implements AutoCloseable {

  static final String MAIN = "dev.tuner.harness.bench.InterleaveMain";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One round as the JVM reported it.
   *
   * @param seconds since the JVM started measuring (after loading both builds)
   */
  record Round(int index, boolean warmup, double seconds, ForkSummary a, ForkSummary b,
      Map<String, Map<String, Double>> callsA, Map<String, Map<String, Double>> callsB) {}

  private final Process process;
  private final BufferedReader lines;
  private final PrintWriter log;
  private final java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();

  private InterleavedRun(Process process, PrintWriter log, Duration timeout) {
    this.process = process;
    this.lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.log = log;
    if (timeout != null) {
      // A round that never ends blocks the reader: the watchdog kills the JVM, which ends the stream.
      Thread watchdog = new Thread(() -> {
        try {
          if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            killed.set(true);
            close();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "interleave-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
    }
  }

  /** Starts the JVM: warm-up for {@code warmupSeconds}, then at most {@code rounds} rounds. */
  static InterleavedRun start(AbComparison.Build a, AbComparison.Build b, List<String> cases,
      List<String> jvmArgs, String transport, int warmupSeconds, int rounds, int ops, Path workDir,
      PrintWriter log, Duration timeout) throws IOException {
    List<String> args = new ArrayList<>(List.of(
        "--a", a.artifact().toAbsolutePath().toString(), "--a-spec", a.specFile().toAbsolutePath().toString(),
        "--b", b.artifact().toAbsolutePath().toString(), "--b-spec", b.specFile().toAbsolutePath().toString(),
        "--transport", transport,
        "--warmup-seconds", Integer.toString(warmupSeconds),
        "--rounds", Integer.toString(rounds),
        "--ops", Integer.toString(ops)));
    cases.forEach(c -> args.addAll(List.of("--case", c)));
    Process process = new ProcessBuilder(JavaFork.command(a.artifact().toAbsolutePath(), jvmArgs, MAIN, args))
        .directory(workDir.toFile())
        .start();
    process.getOutputStream().close();
    JavaFork.relay(process.getErrorStream(), log);
    return new InterleavedRun(process, log, timeout);
  }

  /**
   * The next round (warm-up rounds included), or empty once the JVM has finished.
   *
   * @throws BenchFailedException if the JVM exited with an error
   */
  Optional<Round> next() throws IOException, BenchFailedException {
    String line;
    while ((line = lines.readLine()) != null) {
      if (line.startsWith("{\"type\":\"round\"")) {
        return Optional.of(parse(JSON.readTree(line)));
      }
      log.println(line); // the hot path's own output
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
      throw new BenchFailedException("the in-JVM A/B runner ran past its time and was killed", true);
    }
    if (code != 0) {
      throw new BenchFailedException("the in-JVM A/B runner failed (exit " + code + "); its output is above");
    }
    return Optional.empty();
  }

  /** Stops the JVM if it still runs. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static Round parse(JsonNode node) {
    Map<String, CaseFork> a = new LinkedHashMap<>();
    Map<String, CaseFork> b = new LinkedHashMap<>();
    Map<String, Map<String, Double>> callsA = new TreeMap<>();
    Map<String, Map<String, Double>> callsB = new TreeMap<>();
    node.path("cases").properties().forEach(c -> {
      a.put(c.getKey(), caseFork(c.getValue().path("a")));
      b.put(c.getKey(), caseFork(c.getValue().path("b")));
      callsA.put(c.getKey(), calls(c.getValue().path("a")));
      callsB.put(c.getKey(), calls(c.getValue().path("b")));
    });
    return new Round(node.path("round").asInt(), node.path("warmup").asBoolean(), node.path("seconds").asDouble(),
        new ForkSummary(a), new ForkSummary(b), callsA, callsB);
  }

  /** The side's quantiles from its own samples in the round, as a fork's are from its histogram. */
  private static CaseFork caseFork(JsonNode side) {
    TreeMap<Double, Long> counts = new TreeMap<>();
    side.path("nanos").forEach(v -> counts.merge(v.asDouble(), 1L, Long::sum));
    Quantiles q = Histogram.of(counts).quantiles();
    return new CaseFork(q.p50(), q.p95(), side.path("allocBytesPerOp").asDouble());
  }

  private static Map<String, Double> calls(JsonNode side) {
    Map<String, Double> calls = new TreeMap<>();
    side.path("callsPerOp").properties().forEach(e -> calls.put(e.getKey(), e.getValue().asDouble()));
    return calls;
  }
}

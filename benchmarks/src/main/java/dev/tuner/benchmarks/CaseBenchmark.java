package dev.tuner.benchmarks;

import dev.tuner.harness.JsonMappers;
import dev.tuner.harness.ParentWatch;
import dev.tuner.harness.replay.TransportKind;
import dev.tuner.harness.runner.ReplayedCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each case of the project's spec, its hot path run under replay: what {@code tuner bench}, {@code
 * tuner compare} and {@code tuner optimize} measure. One operation is one run of the case from the
 * start of its recording.
 *
 * <p>Calls per operation. JMH reports {@code @AuxCounters} only in Throughput and AverageTime, not
 * in SampleTime; under replay the calls an operation makes are deterministic, so they are counted
 * here from the replay session's ledger (without allocating) and, when the system property {@value
 * #CALLS_PROPERTY} names a directory, written there at the end of the fork as {@code
 * <case>-<pid>.json}: {@code {"case":…, "ops":n, "callsPerOp":{upstream: calls ÷ ops},
 * "jvmArgs":[…]}}, {@code jvmArgs} being the fork's own input arguments (so a test can see which
 * options reached it). Every operation counts, warm-up included.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar CaseBenchmark -p caseId=ai-default -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// jvmArgs, not jvmArgsAppend: the tuner's -jvmArgs replace these, so the spec's options (and the
// knob search's
// collector or heap) are the fork's only ones; appended options would always win over them.
@Fork(
    value = 1,
    jvmArgs = {"-XX:+UseSerialGC", "-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CaseBenchmark {

  /** The directory that receives each fork's calls per operation. */
  public static final String CALLS_PROPERTY = "tuner.bench.calls";

  /**
   * A case id of the spec; {@code tuner bench} passes the spec's cases with {@code -p caseId=…}.
   */
  @Param({"ai-default"})
  public String caseId;

  @Param({"in-process"})
  public String transport;

  private ReplayedCase replayed;
  private List<String> upstreams;
  private long[] calls;
  private long ops;

  @Setup(Level.Trial)
  public void open() throws Exception {
    ParentWatch.endWithParent();
    replayed = ReplayedCase.open(caseId, TransportKind.parse(transport));
    upstreams = List.copyOf(replayed.session().upstreams().baseUrls().keySet());
    calls = new long[upstreams.size()];
  }

  /** One run of the case under replay. */
  @Benchmark
  public String run() throws Exception {
    String output = replayed.runOnce();
    for (int i = 0; i < calls.length; i++) {
      calls[i] += replayed.session().ledger().calls(upstreams.get(i));
    }
    ops++;
    return output;
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    replayed.close();
    String dir = System.getProperty(CALLS_PROPERTY);
    if (dir == null || dir.isBlank() || ops == 0) {
      return;
    }
    Map<String, Double> perOp = new LinkedHashMap<>();
    for (int i = 0; i < calls.length; i++) {
      perOp.put(upstreams.get(i), (double) calls[i] / ops);
    }
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("case", caseId);
    record.put("ops", ops);
    record.put("callsPerOp", perOp);
    record.put(
        "jvmArgs", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    Path file = Path.of(dir).resolve(caseId + "-" + ProcessHandle.current().pid() + ".json");
    Files.createDirectories(file.getParent());
    JsonMappers.pretty().writeValue(file.toFile(), record);
  }
}

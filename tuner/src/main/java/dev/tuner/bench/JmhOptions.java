package dev.tuner.bench;

import dev.tuner.io.JavaFork;
import dev.tuner.spec.BenchmarkSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One JMH run of the case benchmark: what {@code tuner bench} runs, and each fork of {@code tuner
 * compare --design forks}. Immutable; the {@code with} methods return changed copies.
 *
 * @param benchmark the benchmark method, with {@code @Param caseId} and {@code transport}
 * @param jvmArgs the forked JVMs' options
 */
public record JmhOptions(
    String benchmark,
    int forks,
    int warmupIterations,
    String warmupTime,
    int iterations,
    String iterationTime,
    List<String> jvmArgs,
    String transport) {

  /** JMH's entry point on the runner. */
  public static final String MAIN = "org.openjdk.jmh.Main";

  /** The system property through which {@code CaseBenchmark} reports calls per operation. */
  public static final String CALLS_PROPERTY = "tuner.bench.calls";

  public JmhOptions {
    jvmArgs = List.copyOf(jvmArgs);
    if (forks < 1 || iterations < 1 || warmupIterations < 0) {
      throw new IllegalArgumentException("JMH needs at least 1 fork and 1 iteration");
    }
  }

  /** The spec's settings. */
  public static JmhOptions of(BenchmarkSpec spec) {
    BenchmarkSpec.Jmh jmh = spec.jmh();
    return new JmhOptions(
        jmh.benchmark(),
        jmh.forks(),
        jmh.warmupIterations(),
        jmh.warmupTime(),
        jmh.iterations(),
        jmh.iterationTime(),
        spec.jvmArgs(),
        spec.transport());
  }

  public JmhOptions withJvmArgs(List<String> args) {
    return new JmhOptions(
        benchmark, forks, warmupIterations, warmupTime, iterations, iterationTime, args, transport);
  }

  public JmhOptions withForks(int n) {
    return new JmhOptions(
        benchmark, n, warmupIterations, warmupTime, iterations, iterationTime, jvmArgs, transport);
  }

  public JmhOptions withWarmup(int n, String time) {
    return new JmhOptions(benchmark, forks, n, time, iterations, iterationTime, jvmArgs, transport);
  }

  public JmhOptions withMeasurement(int n, String time) {
    return new JmhOptions(
        benchmark, forks, warmupIterations, warmupTime, n, time, jvmArgs, transport);
  }

  /**
   * JMH's command line: SampleTime with {@code -prof gc}, failing on the first error, JSON to
   * {@code json}; each case a {@code caseId} parameter value.
   */
  List<String> arguments(Path specFile, List<String> cases, Path json, Path callsDir) {
    return arguments(specFile, cases, json, callsDir, "gc");
  }

  /**
   * Like {@link #arguments(Path, List, Path, Path)} with another JMH profiler in place of {@code
   * gc}.
   */
  List<String> arguments(
      Path specFile, List<String> cases, Path json, Path callsDir, String profiler) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "^" + java.util.regex.Pattern.quote(benchmark) + "$",
                "-p",
                "caseId=" + String.join(",", cases),
                "-p",
                "transport=" + transport,
                "-bm",
                "sample",
                "-tu",
                "us",
                "-f",
                Integer.toString(forks),
                "-wi",
                Integer.toString(warmupIterations),
                "-w",
                warmupTime,
                "-i",
                Integer.toString(iterations),
                "-r",
                iterationTime,
                "-prof",
                profiler,
                "-foe",
                "true",
                "-rf",
                "json",
                "-rff",
                json.toString()));
    // Repeated -jvmArgs are taken one option each, so paths with spaces survive (a single one
    // would be split at spaces). There are always at least the three properties.
    List<String> forked = new ArrayList<>(jvmArgs);
    forked.add("-Dtuner.spec=" + specFile.toAbsolutePath());
    forked.add("-D" + CALLS_PROPERTY + "=" + callsDir.toAbsolutePath());
    // JMH's forks are the tuner's grandchildren: they watch the tuner itself.
    forked.add(JavaFork.endWithThisJvm());
    for (String arg : forked) {
      args.add("-jvmArgs");
      args.add(arg);
    }
    return args;
  }
}

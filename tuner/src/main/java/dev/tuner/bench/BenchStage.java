package dev.tuner.bench;

import dev.tuner.io.Classpath;
import dev.tuner.log.Stats;
import dev.tuner.profile.Profile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Measures builds and decides between them; the loop's only view of JMH and the statistics. Its
 * maker closes it when the run ends (it may hold benchmark JVMs warm between comparisons).
 */
public interface BenchStage extends AutoCloseable {

  @Override
  default void close() {}

  /** Benchmarks one build on the given cases. */
  Measurement measure(Path root, Build build, List<String> cases, Duration timeout)
      throws Exception;

  /** Benchmarks a candidate against the best and applies the keep rule. */
  Decision compare(Path root, Build best, Build candidate, List<String> cases, Duration timeout)
      throws Exception;

  /**
   * What one side of a measurement runs.
   *
   * @param jvmOptions the build's own JVM options (its tree's {@code benchmark.jvmOptionsFile}),
   *     merged over the spec's {@code benchmark.jvmArgs}
   */
  record Build(Classpath classpath, List<String> jvmOptions) {
    public Build {
      jvmOptions = List.copyOf(jvmOptions);
    }
  }

  /**
   * Where the build's hot path spends its time on these cases: a flight recording of a short run in
   * its own JVMs, never part of a measurement that decides. Throws when profiling fails; the loop
   * goes on without it.
   *
   * @param recordings where to keep the recordings ({@code <case>.jfr}); null: not kept
   */
  /** Whether {@link #profile} records anything (a test's stage does not). */
  default boolean profiles() {
    return false;
  }

  default Profile profile(
      Path root, Classpath classpath, List<String> cases, Path recordings, Duration timeout)
      throws Exception {
    throw new UnsupportedOperationException("this bench stage does not profile");
  }

  /**
   * Numbers of one build.
   *
   * @param metrics {@code p50_ms}, {@code p95_ms} (geometric means over cases), and per case {@code
   *     <case>.p95_ms}…
   */
  record Measurement(
      Map<String, Double> metrics, double allocBytesPerOp, Map<String, Double> callsPerOp) {

    /** A quantile over the cases in ms ({@code p95} → {@code p95_ms}); NaN when not measured. */
    public double ms(String quantile) {
      return metrics.getOrDefault(quantile + "_ms", Double.NaN);
    }

    public double p50() {
      return metrics.get("p50_ms");
    }

    public double p95() {
      return metrics.get("p95_ms");
    }
  }

  /**
   * The keep rule's verdict on a candidate.
   *
   * @param candidate the candidate's own numbers from the same interleaved run
   * @param stats ratio candidate/best, interval, p-value and forks per metric ({@code p50}, {@code
   *     p95}, …)
   * @param confidence 1 − p-value of the weaker of the two quantiles' improvement tests
   * @param warmupSeconds the time before the first measured round (JVM starts, warm-up); null where
   *     the design does not separate it
   */
  record Decision(
      boolean faster,
      String reason,
      Measurement candidate,
      Map<String, Stats> stats,
      double confidence,
      Double warmupSeconds) {

    public Decision(
        boolean faster,
        String reason,
        Measurement candidate,
        Map<String, Stats> stats,
        double confidence) {
      this(faster, reason, candidate, stats, confidence, null);
    }
  }
}

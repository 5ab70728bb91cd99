package dev.tuner.bench;

import dev.tuner.decide.Aggregate;
import dev.tuner.decide.Assessment;
import dev.tuner.decide.CaseFork;
import dev.tuner.decide.Comparison;
import dev.tuner.decide.ForkSummary;
import dev.tuner.io.Classpath;
import dev.tuner.io.Dirs;
import dev.tuner.log.Stats;
import dev.tuner.profile.Profile;
import dev.tuner.spec.BenchmarkSpec;
import dev.tuner.spec.JvmOptionsFile;
import dev.tuner.spec.TunerSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.apache.commons.statistics.descriptive.Median;

/**
 * The optimisation loop's {@link BenchStage}: {@code measure} is {@code tuner bench} (JMH, the
 * spec's {@code benchmark.jmh}), {@code compare} is {@code tuner compare}'s {@link AbComparison}
 * with the spec's design, looks, α and δ, both builds replaying the fixtures of the spec's
 * repository.
 *
 * <p>Metrics are in milliseconds: {@code p50_ms}, {@code p95_ms}, {@code p99_ms} (geometric means
 * over the cases) and per case {@code <case>.p50_ms}, …; allocation is the geometric mean over the
 * cases of bytes per operation; calls are per upstream, summed over the cases (one operation of
 * each). Stats are keyed {@code p50}, {@code p95}, {@code alloc_bytes_per_op} and {@code
 * p50:<case>}, {@code p95:<case>}.
 */
public final class JmhBenchStage implements BenchStage {

  private final TunerSpec spec;
  private final Path specFile;
  private final PrintWriter log;
  private final WarmJvms jvms;

  /**
   * @param specFile the spec, whose directory holds the fixtures both builds replay
   * @param log the benchmark JVMs' output
   */
  public JmhBenchStage(TunerSpec spec, Path specFile, PrintWriter log) {
    this.spec = spec;
    this.specFile = specFile.toAbsolutePath();
    this.log = log;
    this.jvms = WarmJvms.of(spec.benchmark().compare().keepWarm());
  }

  /** Ends the benchmark JVMs kept warm between comparisons ({@code keepWarm}). */
  @Override
  public void close() {
    jvms.close();
  }

  @Override
  public Measurement measure(Path root, Build build, List<String> cases, Duration timeout)
      throws Exception {
    Path work = Files.createTempDirectory("tuner-measure");
    try {
      JmhOptions jmh = JmhOptions.of(spec.benchmark());
      jmh = jmh.withJvmArgs(JvmOptionsFile.merge(jmh.jvmArgs(), build.jvmOptions()));
      BenchRun run = JmhRunner.run(build.classpath(), specFile, cases, jmh, work, log, timeout);
      BenchSummary summary = BenchSummary.of(run);
      Map<String, Double> metrics = new LinkedHashMap<>();
      put(metrics, "", summary.all());
      summary.cases().forEach(r -> put(metrics, r.id() + ".", r));
      return new Measurement(metrics, summary.all().allocBytesPerOp(), summary.all().callsPerOp());
    } finally {
      Dirs.deleteTree(work);
    }
  }

  @Override
  public boolean profiles() {
    return true;
  }

  @Override
  public Profile profile(
      Path root, Classpath classpath, List<String> cases, Path recordings, Duration timeout)
      throws Exception {
    return JfrProfiler.record(
        root, classpath, specFile, spec.benchmark(), cases, recordings, timeout, log);
  }

  @Override
  public Decision compare(
      Path root, Build best, Build candidate, List<String> cases, Duration timeout)
      throws Exception {
    Path work = Files.createTempDirectory("tuner-compare");
    try {
      CompareSettings settings = settingsFor(best, candidate, cases, work);
      CompareOutcome outcome =
          new AbComparison(settings, jvms)
              .run(
                  new AbComparison.Build("best", best.classpath(), specFile, best.jvmOptions()),
                  new AbComparison.Build(
                      "candidate", candidate.classpath(), specFile, candidate.jvmOptions()),
                  new AbComparison.Listener() {},
                  log,
                  timeout);
      Assessment e = outcome.assessment();
      Map<String, Stats> stats = new LinkedHashMap<>();
      List<Comparison> all = new ArrayList<>(List.of(e.p50(), e.p95(), e.alloc()));
      all.addAll(e.perCase());
      all.forEach(c -> stats.put(c.metric(), stats(c)));
      double confidence = 1 - Math.max(improvementP(e.p50()), improvementP(e.p95()));
      return new Decision(
          outcome.keep(),
          e.reason(),
          candidate(outcome),
          stats,
          confidence,
          outcome.warmupSeconds() > 0 ? outcome.warmupSeconds() : null);
    } finally {
      Dirs.deleteTree(work);
    }
  }

  /**
   * The spec's comparison settings; but when the two builds' JVM options differ, the forks design
   * (with its default looks unless the spec chose forks), since the interleaved one runs both
   * builds in one JVM.
   */
  CompareSettings settingsFor(Build best, Build candidate, List<String> cases, Path work) {
    CompareSettings settings = CompareSettings.of(spec, cases, work);
    List<String> base = spec.benchmark().jvmArgs();
    boolean differ =
        !JvmOptionsFile.merge(base, best.jvmOptions())
            .equals(JvmOptionsFile.merge(base, candidate.jvmOptions()));
    if (differ && settings.design() == BenchmarkSpec.Design.INTERLEAVED) {
      log.println(
          "tuner: the builds' JVM options differ ("
              + best.jvmOptions()
              + " vs "
              + candidate.jvmOptions()
              + "): comparing with the forks design");
      return settings.withDesign(BenchmarkSpec.Design.FORKS, null);
    }
    return settings;
  }

  /** B's own numbers from the replicates the decision read: medians over them. */
  private static Measurement candidate(CompareOutcome outcome) {
    List<ForkSummary> b =
        outcome.replicates().subList(0, outcome.look()).stream().map(Replicate::b).toList();
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("p50_ms", median(Aggregate.geometricMeans(b, CaseFork::p50)) / 1e6);
    metrics.put("p95_ms", median(Aggregate.geometricMeans(b, CaseFork::p95)) / 1e6);
    for (String id : new TreeMap<>(b.get(0).cases()).keySet()) {
      metrics.put(id + ".p50_ms", median(Aggregate.ofCase(b, id, CaseFork::p50)) / 1e6);
      metrics.put(id + ".p95_ms", median(Aggregate.ofCase(b, id, CaseFork::p95)) / 1e6);
    }
    ToDoubleFunction<CaseFork> alloc = c -> Math.max(c.allocBytesPerOp(), 1);
    Map<String, Double> calls = new TreeMap<>();
    outcome.sides().forEach(s -> s.callsB().forEach((u, n) -> calls.merge(u, n, Double::sum)));
    return new Measurement(metrics, median(Aggregate.geometricMeans(b, alloc)), calls);
  }

  private static void put(Map<String, Double> metrics, String prefix, BenchSummary.Row row) {
    metrics.put(prefix + "p50_ms", row.p50() / 1e6);
    metrics.put(prefix + "p95_ms", row.p95() / 1e6);
    metrics.put(prefix + "p99_ms", row.p99() / 1e6);
  }

  private static Stats stats(Comparison c) {
    return new Stats(
        c.ratio(),
        Arrays.asList(finite(c.ciLow()), finite(c.ciHigh())),
        c.pValue(),
        List.of(c.forksA(), c.forksB()),
        c.verdict().label());
  }

  /** The p-value of "B is faster beyond δ": the comparison's own when its estimate is below 1. */
  private static double improvementP(Comparison c) {
    return c.ratio() <= 1 ? c.pValue() : 1;
  }

  private static Double finite(double v) {
    return Double.isInfinite(v) ? null : v;
  }

  private static double median(double[] values) {
    return Median.withDefaults().evaluate(values.clone());
  }
}

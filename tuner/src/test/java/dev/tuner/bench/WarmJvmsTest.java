package dev.tuner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.ExampleBuild;
import dev.tuner.SyntheticHotPath;
import dev.tuner.build.RunnerJar;
import dev.tuner.io.Classpath;
import dev.tuner.measure.Clock;
import dev.tuner.measure.QuantileEstimator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark JVMs kept between comparisons, for real (the harness's InterleaveMain on the
 * example), with synthetic candidates: hot paths that wrap the example's and sleep, leave a thread
 * running, change a system property, or keep a static cache. The best stays loaded; nothing of a
 * discarded candidate reaches the next comparison.
 */
class WarmJvmsTest {

  private static final Path REPO = ExampleBuild.REPO;
  private static final List<String> CASES = List.of("water-europe");
  private static final WarmJvms.Launch LAUNCH = launch(2);

  @TempDir static Path dir;

  private static AbComparison.Build best;
  private static AbComparison.Build copy;
  private static AbComparison.Build sleepy;
  private static AbComparison.Build leavesAThread;
  private static AbComparison.Build setsAProperty;
  private static AbComparison.Build cachesStatically;

  private final StringWriter log = new StringWriter();
  private final List<Double> warmups = new ArrayList<>();

  @BeforeAll
  static void builds() throws Exception {
    Path spec = REPO.resolve("tuner.yaml");
    best = new AbComparison.Build("best", ExampleBuild.classpath(), spec);
    // The same classes from another class path, as a candidate that changed nothing.
    Path empty = Files.createDirectories(dir.resolve("empty"));
    copy =
        new AbComparison.Build(
            "copy", Classpath.of(RunnerJar.path(), ExampleBuild.JAR, empty), spec);
    // 200 ms an operation: far beyond a just-loaded build's cold rounds (16 ms slower in CI).
    sleepy = synthetic("Sleepy", "", "Thread.sleep(200);\n    return inner.run(input, upstreams);");
    leavesAThread =
        synthetic(
            "LeavesAThread",
            "static {\n"
                + "    Thread t = new Thread(() -> {\n"
                + "      while (true) {\n"
                + "        try { Thread.sleep(1000); } catch (InterruptedException e) { return; }\n"
                + "      }\n"
                + "    }, \"left-behind\");\n"
                + "    t.setDaemon(true);\n"
                + "    t.start();\n"
                + "  }",
            "return inner.run(input, upstreams);");
    setsAProperty =
        synthetic(
            "SetsAProperty",
            "",
            "System.setProperty(\"synthetic.leftover\", \"1\");\n"
                + "    return inner.run(input, upstreams);");
    // Its first operation in a class loader sleeps 3 s; later ones find the static set.
    cachesStatically =
        synthetic(
            "CachesStatically",
            "static boolean warm;",
            "if (!warm) { Thread.sleep(3000); warm = true; }\n"
                + "    return inner.run(input, upstreams);");
  }

  @Test
  void theBestStaysLoadedAndOnlyTheNewCandidateWarmsUp() throws Exception {
    try (WarmJvms jvms = WarmJvms.keeping()) {
      WarmJvms.Pair first = take(jvms, best, copy);
      int lastRound = first.one.round(first.clock).index();
      jvms.release(first, true);

      WarmJvms.Pair second = take(jvms, best, copy);

      assertThat(first.started).isTrue();
      assertThat(first.clock).as("both JVMs measure CPU time").isEqualTo(Clock.CPU);
      assertThat(second.started).as(log.toString()).isFalse();
      assertThat(second.one).isSameAs(first.one);
      InterleavedRun.Round round = second.one.round(second.clock);
      assertThat(round.index()).as("the same JVM counts on").isGreaterThan(lastRound);
      assertThat(round.a().cases()).containsOnlyKeys(CASES);
      assertThat(round.callsB()).isEqualTo(round.callsA());
      assertThat(second.two.round(second.clock).b().cases()).containsOnlyKeys(CASES);
      jvms.release(second, true);
      jvms.close();
      assertThat(second.one.alive() || second.two.alive()).as("closed with the run").isFalse();
    }
  }

  @Test
  void aKeptCandidateIsTheNextComparisonsBestInBothJvms() throws Exception {
    try (WarmJvms jvms = WarmJvms.keeping()) {
      jvms.release(take(jvms, best, sleepy), true);

      WarmJvms.Pair next = take(jvms, sleepy, copy);

      assertThat(next.started).as(log.toString()).isFalse();
      for (InterleavedRun jvm : List.of(next.one, next.two)) {
        // On the wall clock: a sleep takes no CPU time.
        InterleavedRun.Round round = jvm.round(Clock.WALL);
        double a = round.a().cases().get("water-europe").p50();
        double b = round.b().cases().get("water-europe").p50();
        assertThat(a - b).as("A sleeps 200 ms an operation: A %s, B %s", a, b).isGreaterThan(100e6);
      }
      jvms.release(next, true);
    }
  }

  @Test
  void aCandidateThatLeavesAThreadRunningIsNotFollowedInItsJvms() throws Exception {
    try (WarmJvms jvms = WarmJvms.keeping()) {
      WarmJvms.Pair discarded = take(jvms, best, leavesAThread);
      jvms.release(discarded, true);

      WarmJvms.Pair next = take(jvms, best, copy);

      assertThat(next.started).isTrue();
      assertThat(discarded.one.alive() || discarded.two.alive()).isFalse();
      assertThat(log.toString())
          .contains("left thread 'left-behind' still runs")
          .contains("starting fresh benchmark JVMs");
      jvms.release(next, true);
    }
  }

  @Test
  void aCandidateThatChangesASystemPropertyIsNotFollowedInItsJvms() throws Exception {
    try (WarmJvms jvms = WarmJvms.keeping()) {
      jvms.release(take(jvms, best, setsAProperty), true);

      WarmJvms.Pair next = take(jvms, best, copy);

      assertThat(next.started).isTrue();
      assertThat(log.toString()).contains("left system property synthetic.leftover changed");
      jvms.release(next, true);
    }
  }

  @Test
  void aCandidatesStaticStateGoesWithItsClassLoader() throws Exception {
    try (WarmJvms jvms = WarmJvms.keeping()) {
      jvms.release(take(jvms, best, cachesStatically), true);
      warmups.clear();

      WarmJvms.Pair next = take(jvms, best, cachesStatically);

      assertThat(next.started).isFalse();
      // The same class loaded anew starts cold: its first operation sleeps again.
      assertThat(warmups).isNotEmpty();
      assertThat(warmups.get(0)).as("first warm-up round ended at").isGreaterThanOrEqualTo(3.0);
      jvms.release(next, true);
    }
  }

  @Test
  void otherSettingsOrAnotherBestStartNewJvms() throws Exception {
    try (WarmJvms jvms = WarmJvms.keeping()) {
      WarmJvms.Pair first = take(jvms, best, copy);
      jvms.release(first, true);
      WarmJvms.Pair otherOps =
          jvms.take(best, copy, launch(3), starter(launch(3)), null, (r, s) -> {}, writer());
      assertThat(otherOps.started).isTrue();
      assertThat(first.one.alive()).isFalse();
      jvms.release(otherOps, true);

      WarmJvms.Pair otherBest =
          jvms.take(sleepy, copy, launch(3), starter(launch(3)), null, (r, s) -> {}, writer());
      assertThat(otherBest.started).isTrue();
      jvms.release(otherBest, true);
    }
  }

  @Test
  void freshJvmsAndFailedComparisonsEndWithTheComparison() throws Exception {
    try (WarmJvms jvms = WarmJvms.fresh()) {
      WarmJvms.Pair first = take(jvms, best, copy);
      jvms.release(first, true);
      assertThat(first.alive()).isFalse();
      assertThat(take(jvms, best, copy).started).isTrue();
    }
    try (WarmJvms jvms = WarmJvms.keeping()) {
      WarmJvms.Pair failed = take(jvms, best, copy);
      jvms.release(failed, false);
      assertThat(failed.alive()).isFalse();
    }
  }

  @Test
  void jvmsThatMeasureNoCpuTimeAreReadOnTheWallClockAndSaySo() throws Exception {
    // The second JVM runs B's harness, here one older than the cpu field: both must measure CPU
    // time, or the rounds of one comparison would be read on two clocks.
    String round =
        "{\"type\":\"round\",\"round\":2,\"warmup\":false,\"seconds\":1.0,\"cases\":{"
            + "\"ai\":{\"a\":{\"nanos\":[10,20,30],\"allocBytesPerOp\":1.0,\"callsPerOp\":{}},"
            + "\"b\":{\"nanos\":[40,50,60],\"allocBytesPerOp\":1.0,\"callsPerOp\":{}}}}}\n";
    WarmJvms.Starter scripted =
        (a, b, swapped) ->
            new InterleavedRun(
                new Scripted(
                    "{\"type\":\"ready\",\"seconds\":1.0,\"steady\":true"
                        + (swapped ? "" : ",\"cpu\":true")
                        + "}\n"
                        + round),
                writer(),
                Duration.ofMinutes(1),
                swapped,
                QuantileEstimator.ORDER_STATISTIC);
    try (WarmJvms jvms = WarmJvms.fresh()) {
      WarmJvms.Pair pair =
          jvms.take(best, copy, LAUNCH, scripted, Duration.ofMinutes(1), (r, s) -> {}, writer());

      assertThat(pair.clock).isEqualTo(Clock.WALL);
      assertThat(log.toString())
          .contains("measure no thread CPU time")
          .contains("this comparison reads the wall clock");
      assertThat(pair.one.round(pair.clock).b().cases().get("ai").p50()).isEqualTo(50);
      jvms.release(pair, false);
    }
  }

  private WarmJvms.Pair take(WarmJvms jvms, AbComparison.Build a, AbComparison.Build b)
      throws Exception {
    return jvms.take(
        a, b, LAUNCH, starter(LAUNCH), Duration.ofMinutes(2), (r, s) -> warmups.add(s), writer());
  }

  private WarmJvms.Starter starter(WarmJvms.Launch launch) {
    return (a, b, swapped) ->
        InterleavedRun.start(
            a,
            b,
            swapped,
            launch.cases(),
            launch.jvmArgs(),
            launch.transport(),
            launch.warmupSeconds(),
            launch.warmup(),
            launch.rounds(),
            launch.ops(),
            launch.quantiles(),
            writer(),
            Duration.ofMinutes(2));
  }

  private PrintWriter writer() {
    return new PrintWriter(log, true);
  }

  private static WarmJvms.Launch launch(int ops) {
    return new WarmJvms.Launch(
        List.of(),
        CASES,
        "in-process",
        1,
        "fixed",
        4,
        ops,
        QuantileEstimator.ORDER_STATISTIC,
        Clock.CPU);
  }

  private static AbComparison.Build synthetic(String name, String members, String body)
      throws Exception {
    SyntheticHotPath hotPath = SyntheticHotPath.of(dir, name, members, body);
    return new AbComparison.Build(name, hotPath.classpath(), hotPath.spec());
  }

  /** A JVM that has printed {@code output} and ended. */
  private static final class Scripted extends Process {
    private final String output;

    Scripted(String output) {
      this.output = output;
    }

    @Override
    public InputStream getInputStream() {
      return new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public OutputStream getOutputStream() {
      return OutputStream.nullOutputStream();
    }

    @Override
    public InputStream getErrorStream() {
      return InputStream.nullInputStream();
    }

    @Override
    public int waitFor() {
      return 0;
    }

    @Override
    public int exitValue() {
      return 0;
    }

    @Override
    public void destroy() {}
  }
}

package dev.tuner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.ExampleBuild;
import dev.tuner.build.RunnerJar;
import dev.tuner.decide.DecisionRule;
import dev.tuner.harness.runner.InterleaveProtocol;
import dev.tuner.io.Classpath;
import dev.tuner.measure.Clock;
import dev.tuner.measure.QuantileEstimator;
import dev.tuner.spec.BenchmarkSpec.Design;
import dev.tuner.spec.BenchmarkSpec.Warmup;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol for real: the harness's InterleaveMain forked on the packaged benchmarks jar (built
 * by {@code mvn package} before the tuner's tests), read by InterleavedRun.
 */
class InterleavedRunForkTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Classpath BUILD = ExampleBuild.classpath();
  private static final Path SPEC = REPO.resolve("tuner.yaml");
  private static final List<String> CASES = List.of("water-europe");

  @TempDir Path work;

  private InterleavedRun start(boolean swapped, int warmupSeconds, int ops, Duration timeout)
      throws Exception {
    return start(swapped, warmupSeconds, "fixed", ops, timeout);
  }

  private InterleavedRun start(
      boolean swapped, int warmupSeconds, String warmup, int ops, Duration timeout)
      throws Exception {
    var a = new AbComparison.Build("a", BUILD, SPEC);
    var b = new AbComparison.Build("b", BUILD, SPEC);
    return InterleavedRun.start(
        a,
        b,
        swapped,
        CASES,
        List.of(),
        "in-process",
        warmupSeconds,
        warmup,
        2,
        ops,
        QuantileEstimator.ORDER_STATISTIC,
        new PrintWriter(new StringWriter(), true),
        timeout);
  }

  @Test
  void aSteadyWarmupEndsWhenTheJvmIsWarmNotAtItsCap() throws Exception {
    List<Double> warmups = new ArrayList<>();
    try (InterleavedRun run = start(false, 600, "steady", 8, Duration.ofMinutes(12))) {
      InterleaveProtocol.Ready ready = run.awaitReady((round, seconds) -> warmups.add(seconds));

      assertThat(ready.steady()).as("warm before the 600 s cap").isTrue();
      assertThat(warmups).hasSizeGreaterThanOrEqualTo(6); // a whole window of the rule
      assertThat(run.round(Clock.CPU).warmup()).isFalse();
    }
  }

  @Test
  void aPacedJvmWarmsUpSaysReadyAndRunsARoundPerRequest() throws Exception {
    List<Integer> warmups = new ArrayList<>();
    try (InterleavedRun run = start(true, 1, 2, Duration.ofMinutes(2))) {
      InterleaveProtocol.Ready ready = run.awaitReady((round, seconds) -> warmups.add(round));
      InterleavedRun.Round first = run.round(Clock.CPU);
      InterleavedRun.Round second = run.round(Clock.CPU);

      assertThat(warmups).isNotEmpty().startsWith(1);
      assertThat(ready.cpu()).as("this JVM reads a thread's CPU time").isTrue();
      assertThat(first.index()).isEqualTo(warmups.size() + 1);
      assertThat(second.index()).isEqualTo(first.index() + 1);
      assertThat(second.seconds()).isGreaterThan(first.seconds());
      for (InterleavedRun.Round r : List.of(first, second)) {
        assertThat(r.warmup()).isFalse();
        assertThat(r.a().cases()).containsOnlyKeys(CASES);
        assertThat(r.b().cases()).containsOnlyKeys(CASES);
        assertThat(r.a().cases().get("water-europe").p50()).isPositive();
        assertThat(r.callsA().get("water-europe")).containsEntry("embeddings", 1.0);
        assertThat(r.callsB()).isEqualTo(r.callsA());
        // Every operation's CPU time too: the thread's, plus the collectors'.
        assertThat(r.samples().hasCpu()).isTrue();
        assertThat(r.samples().cpuA().get("water-europe")).hasSize(2);
        assertThat(java.util.Arrays.stream(r.samples().cpuA().get("water-europe")).min().orElse(0))
            .isPositive();
      }
    }
  }

  @Test
  void aJvmPastItsTimeIsKilledAndSaysSo() throws Exception {
    // A first round of minutes: the watchdog kills the JVM while the reader waits for a line (a
    // kill just as a line arrives, which closes the stream under the read, is
    // InterleavedRunTest's).
    try (InterleavedRun run = start(false, 600, 100_000, Duration.ofSeconds(3))) {
      assertThatThrownBy(() -> run.awaitReady((round, seconds) -> {}))
          .isInstanceOfSatisfying(
              BenchFailedException.class, e -> assertThat(e.timedOut()).isTrue());
    }
  }

  @Test
  void aBuildThatCannotRunIsNamedAsOursWhicheverRoleItHadInTheJvm() throws Exception {
    // Only the runner: the hot path's class is missing, as when a build's outputs are gone.
    var broken = new AbComparison.Build("a", Classpath.of(RunnerJar.path()), SPEC);
    var fine = new AbComparison.Build("b", BUILD, SPEC);
    for (boolean swapped : new boolean[] {false, true}) {
      try (InterleavedRun run =
          InterleavedRun.start(
              broken,
              fine,
              swapped,
              CASES,
              List.of(),
              "in-process",
              1,
              "fixed",
              2,
              2,
              QuantileEstimator.ORDER_STATISTIC,
              new PrintWriter(new StringWriter(), true),
              Duration.ofMinutes(2))) {
        assertThatThrownBy(() -> run.awaitReady((round, seconds) -> {}))
            .as("swapped: " + swapped)
            .isInstanceOfSatisfying(
                BenchFailedException.class,
                e -> {
                  assertThat(e.side()).isEqualTo(BenchFailedException.Side.A);
                  assertThat(e.timedOut()).isFalse();
                  assertThat(e.getMessage())
                      .startsWith("build A failed in the in-JVM A/B runner: ")
                      .contains("com.example.portfolio.PortfolioHotPath");
                });
      }
    }
  }

  @Test
  void theRoundsAfterNewJvmsAfterComeFromTwoNewJvms() throws Exception {
    List<String> events = new ArrayList<>();
    AbComparison.Listener listener =
        new AbComparison.Listener() {
          @Override
          public void warmedUp(double seconds, boolean steady) {
            events.add("warm");
          }

          @Override
          public void replicate(Replicate r) {
            events.add(String.valueOf(r.index()));
          }
        };
    var a = new AbComparison.Build("a", BUILD, SPEC);
    var b = new AbComparison.Build("b", BUILD, SPEC);

    CompareOutcome fourJvms =
        new AbComparison(comparison(4)).run(a, b, listener, new PrintWriter(new StringWriter()));

    assertThat(events).containsExactly("warm", "1", "2", "3", "4", "warm", "5", "6", "7", "8", "9");
    assertThat(fourJvms.jvms()).isEqualTo(4);
    assertThat(fourJvms.replicates()).hasSize(9);
    assertThat(fourJvms.warmupSeconds())
        .as("both pairs' warm-up, each at least its 1 s")
        .isGreaterThan(2)
        .isLessThan(fourJvms.seconds());
  }

  /** Nine rounds of two operations after a fixed 1 s warm-up, decided once at the end. */
  private CompareSettings comparison(int newJvmsAfter) {
    return new CompareSettings(
        Design.INTERLEAVED,
        DecisionRule.defaults().withLooks(List.of(9)),
        false,
        CASES,
        List.of(),
        "in-process",
        1,
        Warmup.FIXED,
        2,
        QuantileEstimator.ORDER_STATISTIC,
        Clock.CPU,
        newJvmsAfter,
        null,
        work);
  }
}

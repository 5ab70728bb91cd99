package dev.tuner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.harness.spec.SpecException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkSpecTest {

  private static final String MINIMAL = MinimalSpec.TEXT;

  @TempDir Path dir;

  @Test
  void withoutTheSectionTheDefaultsApply() throws Exception {
    BenchmarkSpec b = load(MINIMAL).benchmark();

    assertThat(b.jvmArgs()).containsExactly("-XX:+UseSerialGC", "-Xms1g", "-Xmx1g");
    assertThat(b.transport()).isEqualTo("in-process");
    assertThat(b.jmh().benchmark()).isEqualTo("dev.tuner.benchmarks.CaseBenchmark.run");
    assertThat(b.compare().design()).isEqualTo(BenchmarkSpec.Design.INTERLEAVED);
    assertThat(b.compare().looks()).isEqualTo(BenchmarkSpec.Design.INTERLEAVED.defaultLooks());
    assertThat(b.compare().alpha()).isEqualTo(0.01);
    assertThat(b.compare().warmupSeconds()).isEqualTo(30);
    assertThat(b.compare().opsPerRound()).isEqualTo(20);
    assertThat(b.compare().clock()).isEqualTo(dev.tuner.measure.Clock.CPU);
  }

  @Test
  void everyKeyCanBeSet() throws Exception {
    BenchmarkSpec b =
        load(MINIMAL
                + String.join(
                    "\n",
                    "benchmark:",
                    "  jvmArgs: [-XX:+UseSerialGC, -Xmx2g]",
                    "  transport: loopback",
                    "  jmh: {forks: 4, warmupIterations: 3, warmupTime: 500ms, iterations: 7, iterationTime: 2s}",
                    "  compare: {design: forks, alpha: 0.02, warmupSeconds: 5, opsPerRound: 12,",
                    "    criterion: median-improved-tail-not-worse, tailMargin: 0.02,",
                    "    quantiles: harrell-davis, clock: wall}",
                    ""))
            .benchmark();

    assertThat(b.jvmArgs()).containsExactly("-XX:+UseSerialGC", "-Xmx2g");
    assertThat(b.jmh())
        .isEqualTo(
            new BenchmarkSpec.Jmh(
                "dev.tuner.benchmarks.CaseBenchmark.run", 4, 3, "500ms", 7, "2s"));
    assertThat(b.compare().design()).isEqualTo(BenchmarkSpec.Design.FORKS);
    assertThat(b.compare().looks()).as("the design's own default").isEqualTo(List.of(3, 6, 10));
    assertThat(b.compare().opsPerRound()).isEqualTo(12);
    assertThat(b.compare().criterion())
        .isEqualTo(dev.tuner.decide.Criterion.MEDIAN_IMPROVED_TAIL_NOT_WORSE);
    assertThat(b.compare().tailMargin()).isEqualTo(0.02);
    assertThat(b.compare().quantiles())
        .isEqualTo(dev.tuner.measure.QuantileEstimator.HARRELL_DAVIS);
    assertThat(b.compare().clock()).isEqualTo(dev.tuner.measure.Clock.WALL);
  }

  @Test
  void badValuesNameTheFileLineAndKey() throws Exception {
    expectError(
        "benchmark:\n  compare: {design: sideways}\n",
        ":7: benchmark.compare.design: 'sideways' is not one of [interleaved, forks]");
    expectError(
        "benchmark:\n  jmh:\n    warmupTime: 1 second\n",
        ":8: benchmark.jmh.warmupTime: '1 second' is not a JMH time");
    expectError(
        "benchmark:\n  compare:\n    looks: [6, 3]\n", ":8: benchmark.compare.looks: must ascend");
    expectError(
        "benchmark:\n  compare:\n    looks: [3, 6]\n",
        "benchmark.compare.looks: no look in [3, 6] can reject");
    expectError(
        "benchmark:\n  jmh:\n    forks: 0\n", ":8: benchmark.jmh.forks: must be at least 1");
    expectError(
        "benchmark:\n  jvmArgs: ['-Xms1g -Xmx1g']\n",
        ":7: benchmark.jvmArgs: one JVM option per list item");
    expectError("benchmark:\n  fork: 3\n", ":7: benchmark.fork: unknown key");
    expectError(
        "benchmark:\n  compare:\n    criterion: fastest\n",
        ":8: benchmark.compare.criterion: 'fastest' is not one of [both-improved,"
            + " median-improved-tail-not-worse]");
    expectError(
        "benchmark:\n  compare:\n    tailMargin: 1.5\n",
        "benchmark.compare.tailMargin: must be in [0, 1)");
    expectError(
        "benchmark:\n  transport: carrier-pigeon\n",
        ":7: benchmark.transport: 'carrier-pigeon' is not one of");
  }

  private void expectError(String section, String message) {
    assertThatThrownBy(() -> load(MINIMAL + section))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining(message);
  }

  private TunerSpec load(String text) throws Exception {
    return MinimalSpec.load(dir, text);
  }
}

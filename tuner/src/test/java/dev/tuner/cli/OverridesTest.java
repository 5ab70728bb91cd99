package dev.tuner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.bench.CompareSettings;
import dev.tuner.bench.JmhOptions;
import dev.tuner.decide.Criterion;
import dev.tuner.error.UsageException;
import dev.tuner.measure.QuantileEstimator;
import dev.tuner.spec.BenchmarkSpec.Design;
import dev.tuner.spec.MinimalSpec;
import dev.tuner.spec.TunerSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.TypeConversionException;

/**
 * The benchmark overrides layer over the spec like JMH's {@code OptionsBuilder.parent(...)}: the
 * spec's values are the parent and an option replaces only what it names.
 */
class OverridesTest {

  @TempDir Path dir;
  TunerSpec spec;

  @Command(name = "bench")
  static final class Bench {
    @Mixin JmhOverrides jmh;
  }

  @Command(name = "calibrate")
  static final class Calibrate {
    @Mixin ComparisonOverrides.WithReplicates compare;
  }

  @BeforeEach
  void aSpecWithItsOwnBenchmarkSettings() throws Exception {
    spec =
        MinimalSpec.load(
            dir,
            MinimalSpec.TEXT
                + "benchmark:\n"
                + "  jmh: {forks: 4, warmupIterations: 7, warmupTime: 3s, iterations: 6,"
                + " iterationTime: 4s}\n"
                + "  compare: {design: interleaved, looks: [12, 20], opsPerRound: 33}\n");
  }

  private JmhOptions jmh(String... args) {
    Bench bench = new Bench();
    new CommandLine(bench).parseArgs(args);
    return bench.jmh.over(JmhOptions.of(spec.benchmark()));
  }

  private CompareSettings compare(String... args) throws UsageException {
    Calibrate calibrate = new Calibrate();
    new CommandLine(calibrate).parseArgs(args);
    return calibrate.compare.over(CompareSettings.of(spec, List.of("c"), dir));
  }

  @Test
  void withoutOptionsTheSpecsJmhSettingsStand() {
    assertThat(jmh()).isEqualTo(JmhOptions.of(spec.benchmark()));
  }

  @Test
  void anOptionReplacesOnlyTheValuesItNames() {
    JmhOptions parent = JmhOptions.of(spec.benchmark());
    assertThat(jmh("--forks", "1")).isEqualTo(parent.withForks(1));
    assertThat(jmh("--warmup", "0:500ms"))
        .isEqualTo(parent.withWarmup(0, "500ms"))
        .extracting(JmhOptions::forks, JmhOptions::iterations, JmhOptions::iterationTime)
        .containsExactly(4, 6, "4s");
    assertThat(jmh("--measure", "2:1s", "--forks", "3"))
        .isEqualTo(parent.withForks(3).withMeasurement(2, "1s"));
  }

  @Test
  void withoutOptionsTheSpecsComparisonSettingsStand() throws Exception {
    assertThat(compare()).isEqualTo(CompareSettings.of(spec, List.of("c"), dir));
  }

  @Test
  void anotherDesignBringsItsOwnLooksUnlessLooksAreGiven() throws Exception {
    CompareSettings forks = compare("--design", "forks");
    assertThat(forks.design()).isEqualTo(Design.FORKS);
    assertThat(forks.rule().looks()).isEqualTo(Design.FORKS.defaultLooks());
    assertThat(forks.opsPerRound()).isEqualTo(33);

    assertThat(compare("--design", "interleaved").rule().looks()).containsExactly(12, 20);
    assertThat(compare("--design", "forks", "--looks", "4,8").rule().looks()).containsExactly(4, 8);
  }

  @Test
  void looksAndOpsAloneKeepTheSpecsDesign() throws Exception {
    CompareSettings s = compare("--looks", "5,10", "--ops", "7");
    assertThat(s.design()).isEqualTo(Design.INTERLEAVED);
    assertThat(s.rule().looks()).containsExactly(5, 10);
    assertThat(s.opsPerRound()).isEqualTo(7);
    assertThat(s.warmupSeconds()).isEqualTo(compare().warmupSeconds());
  }

  @Test
  void theWarmupCapAloneKeepsTheOpsPerRound() throws Exception {
    CompareSettings s = compare("--warmup-seconds", "45");
    assertThat(s.warmupSeconds()).isEqualTo(45);
    assertThat(s.opsPerRound()).isEqualTo(compare().opsPerRound());
    assertThat(compare("--warmup-seconds", "45", "--ops", "7").opsPerRound()).isEqualTo(7);
  }

  @Test
  void theCriterionItsMarginAndTheEstimatorCanBeChosenOneByOne() throws Exception {
    CompareSettings s = compare("--criterion", "median-improved-tail-not-worse");
    assertThat(s.rule().criterion()).isEqualTo(Criterion.MEDIAN_IMPROVED_TAIL_NOT_WORSE);
    assertThat(s.rule().tailMargin()).as("the spec's default").isEqualTo(0.03);
    assertThat(s.rule().looks()).isEqualTo(compare().rule().looks());
    assertThat(compare("--tail-margin", "0.02").rule().tailMargin()).isEqualTo(0.02);
    assertThat(compare("--quantiles", "harrell-davis").quantiles())
        .isEqualTo(QuantileEstimator.HARRELL_DAVIS);
    assertThat(compare().quantiles()).isEqualTo(QuantileEstimator.ORDER_STATISTIC);
    assertThat(compare("--clock", "wall").clock()).isEqualTo(dev.tuner.measure.Clock.WALL);
    assertThat(compare().clock()).isEqualTo(dev.tuner.measure.Clock.CPU);
  }

  @Test
  void looksThatNeverRejectAtTheSpecsAlphaAreAUsageErrorNamingTheOption() {
    assertThatThrownBy(() -> compare("--design", "forks", "--looks", "2"))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--design forks --looks 2: no look in [2] can reject");
  }

  @Test
  void iterationsReadNColonTime() {
    assertThat(Iterations.parse("12:1s", 0)).isEqualTo(new Iterations(12, "1s"));
    assertThat(Iterations.parse("0:250ms", 0)).isEqualTo(new Iterations(0, "250ms"));
    for (String bad : List.of("12", "12:", ":1s", "12:0s", "12:1 s", "-1:1s", "9999999999:1s")) {
      assertThatThrownBy(() -> Iterations.parse(bad, 0))
          .as(bad)
          .isInstanceOf(TypeConversionException.class)
          .hasMessageContaining("'" + bad + "'");
    }
  }
}

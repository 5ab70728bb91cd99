package dev.tuner.spec;

import dev.tuner.decide.DecisionRule;
import dev.tuner.decide.Pairing;
import dev.tuner.decide.SequentialPlan;
import dev.tuner.harness.spec.SpecException;
import dev.tuner.harness.spec.SpecReader;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks of the {@code benchmark:} section that binding cannot do; errors name key and line.
 */
final class BenchmarkChecks {

  /**
   * JMH's time values: a whole number and a unit ({@code
   * org.openjdk.jmh.runner.options.TimeValue}).
   */
  private static final Pattern JMH_TIME = Pattern.compile("[1-9][0-9]*(ns|us|ms|s|m|min|hr)");

  private BenchmarkChecks() {}

  static void check(BenchmarkSpec b, MetricSpec metric, SpecReader reader) throws SpecException {
    if (!List.of("in-process", "loopback").contains(b.transport())) {
      throw reader.error(
          "benchmark.transport", "'" + b.transport() + "' is not one of [in-process, loopback]");
    }
    for (String arg : b.jvmArgs()) {
      if (arg.isBlank() || arg.chars().anyMatch(Character::isWhitespace)) {
        throw reader.error(
            "benchmark.jvmArgs", "one JVM option per list item, without spaces: '" + arg + "'");
      }
    }
    BenchmarkSpec.Jmh jmh = b.jmh();
    positive(reader, "benchmark.jmh.forks", jmh.forks());
    atLeast(reader, "benchmark.jmh.warmupIterations", jmh.warmupIterations(), 0);
    positive(reader, "benchmark.jmh.iterations", jmh.iterations());
    time(reader, "benchmark.jmh.warmupTime", jmh.warmupTime());
    time(reader, "benchmark.jmh.iterationTime", jmh.iterationTime());
    if (jmh.benchmark().isBlank()) {
      throw reader.error("benchmark.jmh.benchmark", "must name the case benchmark method");
    }
    BenchmarkSpec.Compare compare = b.compare();
    if (!(compare.alpha() > 0 && compare.alpha() < 0.5)) {
      throw reader.error(
          "benchmark.compare.alpha",
          "must be in (0, 0.5): the false-keep rate allowed, such as 0.01");
    }
    List<Integer> looks = compare.looks();
    if (looks.isEmpty()) {
      throw reader.error("benchmark.compare.looks", "must list at least one look");
    }
    for (int i = 0; i < looks.size(); i++) {
      if (looks.get(i) < 2 || (i > 0 && looks.get(i) <= looks.get(i - 1))) {
        throw reader.error("benchmark.compare.looks", "must ascend from at least 2: " + looks);
      }
    }
    try {
      // The plan refuses looks of which none could ever keep at this α with this design's test.
      new SequentialPlan(
          DecisionRule.defaults()
              .withThreshold(metric.threshold())
              .withAlpha(compare.alpha())
              .withLooks(looks),
          compare.design() == BenchmarkSpec.Design.INTERLEAVED
              ? Pairing.PAIRED
              : Pairing.INDEPENDENT);
    } catch (IllegalArgumentException e) {
      throw reader.error("benchmark.compare.looks", e.getMessage());
    }
    atLeast(reader, "benchmark.compare.warmupSeconds", compare.warmupSeconds(), 0);
    positive(reader, "benchmark.compare.opsPerRound", compare.opsPerRound());
    atLeast(reader, "benchmark.compare.newJvmsAfter", compare.newJvmsAfter(), 0);
    if (!(compare.tailMargin() >= 0 && compare.tailMargin() < 1)) {
      throw reader.error(
          "benchmark.compare.tailMargin",
          "must be in [0, 1): how much slower p95 may get, such as 0.03");
    }
  }

  private static void positive(SpecReader reader, String key, int value) throws SpecException {
    atLeast(reader, key, value, 1);
  }

  private static void atLeast(SpecReader reader, String key, int value, int min)
      throws SpecException {
    if (value < min) {
      throw reader.error(key, "must be at least " + min + ", got " + value);
    }
  }

  private static void time(SpecReader reader, String key, String value) throws SpecException {
    if (!JMH_TIME.matcher(value).matches()) {
      throw reader.error(key, "'" + value + "' is not a JMH time such as 500ms, 1s or 2min");
    }
  }
}

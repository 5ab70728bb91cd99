package dev.tuner.cli;

import dev.tuner.bench.CompareSettings;
import dev.tuner.decide.Criterion;
import dev.tuner.decide.DecisionRule;
import dev.tuner.error.UsageException;
import dev.tuner.measure.Clock;
import dev.tuner.measure.QuantileEstimator;
import dev.tuner.spec.BenchmarkSpec.Design;
import dev.tuner.spec.BenchmarkSpec.Warmup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --design} and, in {@link WithReplicates}, {@code --looks} and {@code --ops}: how a
 * comparison measures, layered over the spec's {@code benchmark.compare} the way JMH's {@code
 * OptionsBuilder.parent(...)} layers options. Another design than the spec's brings that design's
 * default looks, unless {@code --looks} names them. Each command's wording of {@code --design} is
 * in {@link HelpText}.
 */
class ComparisonOverrides {

  @Option(
      names = "--design",
      paramLabel = "DESIGN",
      converter = DesignConverter.class,
      description = "interleaved or forks (default: benchmark.compare.design).")
  Design design;

  @Option(
      names = "--warmup",
      paramLabel = "RULE",
      converter = WarmupConverter.class,
      description =
          "steady: warm-up ends when the JVM is warm (the JIT quiet, rounds no longer getting"
              + " faster), at most benchmark.compare.warmupSeconds; fixed: it always takes"
              + " warmupSeconds (default: benchmark.compare.warmup).")
  Warmup warmup;

  @Option(
      names = "--warmup-seconds",
      paramLabel = "S",
      converter = Bounds.Positive.class,
      description =
          "Interleaved: the most warm-up may take before the first measured round (default:"
              + " benchmark.compare.warmupSeconds).")
  Integer warmupSeconds;

  @Option(
      names = "--criterion",
      paramLabel = "RULE",
      converter = CriterionConverter.class,
      description =
          "median-improved-tail-not-worse: keep when p50 improved beyond the threshold and p95"
              + " is not slower than --tail-margin; both-improved: p50 and p95 both improved"
              + " beyond it (default: benchmark.compare.criterion).")
  Criterion criterion;

  @Option(
      names = "--tail-margin",
      paramLabel = "FRACTION",
      converter = Bounds.Fraction.class,
      description =
          "With median-improved-tail-not-worse: how much slower p95 may be, such as 0.03"
              + " (default: benchmark.compare.tailMargin).")
  Double tailMargin;

  @Option(
      names = "--quantiles",
      paramLabel = "ESTIMATOR",
      converter = QuantilesConverter.class,
      description =
          "Interleaved: how a round's p50 and p95 are read off its operations, order-statistic or"
              + " harrell-davis (default: benchmark.compare.quantiles).")
  QuantileEstimator quantiles;

  @Option(
      names = "--clock",
      paramLabel = "CLOCK",
      converter = ClockConverter.class,
      description =
          "Interleaved: which time of an operation is read, wall or cpu (its thread's CPU time"
              + " plus the collectors'; default: benchmark.compare.clock).")
  Clock clock;

  @Option(
      names = "--new-jvms-after",
      paramLabel = "N",
      converter = Bounds.NonNegative.class,
      description =
          "Interleaved: the rounds after the Nth come from two new JVMs, 0 for none (default:"
              + " benchmark.compare.newJvmsAfter).")
  Integer newJvmsAfter;

  /** {@code --looks}, or null; only {@link WithReplicates} offers it. */
  List<Integer> looks() {
    return null;
  }

  /** {@code --ops}, or null; only {@link WithReplicates} offers it. */
  Integer ops() {
    return null;
  }

  /**
   * {@code parent} (the spec's settings) with what the command line set.
   *
   * @throws UsageException when the looks do not ascend, or when none of them could ever keep a
   *     change at the spec's alpha with this design's test
   */
  CompareSettings over(CompareSettings parent) throws UsageException {
    CompareSettings settings = parent;
    List<Integer> looks = looks();
    if (looks != null) {
      for (int i = 1; i < looks.size(); i++) {
        if (looks.get(i) <= looks.get(i - 1)) {
          throw new UsageException("--looks " + joined(looks) + ": must ascend");
        }
      }
    }
    if (design != null || looks != null) {
      Design d = design != null ? design : parent.design();
      List<Integer> chosen =
          looks != null ? looks : d == parent.design() ? parent.rule().looks() : null;
      try {
        settings = settings.withDesign(d, chosen);
      } catch (IllegalArgumentException e) {
        // The sequential plan refuses looks none of which could reject at this alpha.
        throw new UsageException(given() + ": " + e.getMessage(), e);
      }
    }
    if (ops() != null || warmupSeconds != null) {
      settings =
          settings.withRounds(
              warmupSeconds != null ? warmupSeconds : settings.warmupSeconds(),
              ops() != null ? ops() : settings.opsPerRound());
    }
    if (warmup != null) {
      settings = settings.withWarmup(warmup);
    }
    if (criterion != null || tailMargin != null) {
      DecisionRule rule = settings.rule();
      settings =
          settings.withRule(
              rule.withCriterion(
                  criterion != null ? criterion : rule.criterion(),
                  tailMargin != null ? tailMargin : rule.tailMargin()));
    }
    if (quantiles != null) {
      settings = settings.withQuantiles(quantiles);
    }
    if (clock != null) {
      settings = settings.withClock(clock);
    }
    if (newJvmsAfter != null) {
      settings = settings.withNewJvmsAfter(newJvmsAfter);
    }
    return settings;
  }

  private String given() {
    List<String> parts = new ArrayList<>();
    if (design != null) {
      parts.add("--design " + design.label());
    }
    if (looks() != null) {
      parts.add("--looks " + joined(looks()));
    }
    return String.join(" ", parts);
  }

  private static String joined(List<Integer> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  /** With {@code --looks} and {@code --ops}, for calibrate. */
  static final class WithReplicates extends ComparisonOverrides {

    @Option(
        names = "--looks",
        paramLabel = "N",
        split = ",",
        converter = Bounds.AtLeastTwo.class,
        description = "Replicates per side at each look (default: benchmark.compare.looks).")
    List<Integer> looks;

    @Option(
        names = "--ops",
        paramLabel = "N",
        converter = Bounds.Positive.class,
        description =
            "Interleaved: operations per case and build in a round (default:"
                + " benchmark.compare.opsPerRound).")
    Integer ops;

    @Override
    List<Integer> looks() {
      return looks;
    }

    @Override
    Integer ops() {
      return ops;
    }
  }

  /** {@code interleaved} or {@code forks}, as the spec spells them. */
  static final class DesignConverter extends LowerCaseConverter<Design> {
    DesignConverter() {
      super(Design.class);
    }
  }

  static final class WarmupConverter extends LowerCaseConverter<Warmup> {
    WarmupConverter() {
      super(Warmup.class);
    }
  }

  static final class CriterionConverter extends LowerCaseConverter<Criterion> {
    CriterionConverter() {
      super(Criterion.class);
    }
  }

  static final class ClockConverter extends LowerCaseConverter<Clock> {
    ClockConverter() {
      super(Clock.class);
    }
  }

  static final class QuantilesConverter extends LowerCaseConverter<QuantileEstimator> {
    QuantilesConverter() {
      super(QuantileEstimator.class);
    }
  }

  /** An enum written as its constants' lower-case names, words joined by '-', as the spec does. */
  abstract static class LowerCaseConverter<E extends Enum<E>> implements ITypeConverter<E> {
    private final Class<E> type;

    LowerCaseConverter(Class<E> type) {
      this.type = type;
    }

    @Override
    public E convert(String value) {
      List<String> names =
          Arrays.stream(type.getEnumConstants())
              .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'))
              .toList();
      int i = names.indexOf(value);
      if (i < 0) {
        throw new TypeConversionException(
            "must be " + String.join(" or ", names) + ", got '" + value + "'");
      }
      return type.getEnumConstants()[i];
    }
  }
}

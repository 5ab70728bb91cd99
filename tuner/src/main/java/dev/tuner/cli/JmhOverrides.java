package dev.tuner.cli;

import dev.tuner.bench.JmhOptions;
import picocli.CommandLine.Option;

/**
 * {@code --forks}, {@code --warmup N:TIME}, {@code --measure N:TIME}: a JMH run's settings layered
 * the way JMH's {@code OptionsBuilder.parent(...)} layers them: the spec's {@code benchmark.jmh} is
 * the parent and an option replaces only the value it names. The converters refuse bad values while
 * parsing, so {@link JmhOptions} never sees one.
 */
final class JmhOverrides {

  @Option(
      names = "--forks",
      paramLabel = "N",
      converter = Bounds.Positive.class,
      description = "JVM forks per case (default: benchmark.jmh.forks).")
  Integer forks;

  @Option(
      names = "--warmup",
      paramLabel = "N:TIME",
      converter = Iterations.Warmup.class,
      description = "Warm-up iterations and their length, e.g. 12:1s (default: benchmark.jmh).")
  Iterations warmup;

  @Option(
      names = "--measure",
      paramLabel = "N:TIME",
      converter = Iterations.Measurement.class,
      description = "Measurement iterations and their length, e.g. 5:2s (default: benchmark.jmh).")
  Iterations measure;

  /** {@code parent} with what the command line set. */
  JmhOptions over(JmhOptions parent) {
    JmhOptions options = parent;
    if (forks != null) {
      options = options.withForks(forks);
    }
    if (warmup != null) {
      options = options.withWarmup(warmup.count(), warmup.time());
    }
    if (measure != null) {
      options = options.withMeasurement(measure.count(), measure.time());
    }
    return options;
  }
}

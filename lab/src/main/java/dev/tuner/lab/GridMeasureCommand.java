package dev.tuner.lab;

import dev.tuner.bench.JmhOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lab grid measure}: every point of the grid, alone, as the loop measures a build. */
@Command(
    name = "measure",
    description = {
      "Measure every point of the grid over SPEC's knobs, in a random order, as the loop measures a"
          + " build: JMH SampleTime on a copy of ARTIFACT with the knobs-file keys set (no Maven"
          + " build per point), the JVM knobs merged over benchmark.jvmArgs; the geometric mean"
          + " over the cases of each case's p50 and p95.",
      "Appends to TABLE one line per point: a column per knob, then p50_ms, p95_ms, seconds. Points"
          + " already in TABLE are skipped, so a run can be stopped and started again."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every point measured",
      "2:bad spec or option",
      "3:the artifact is missing, or a benchmark JVM failed"
    })
final class GridMeasureCommand implements Callable<Integer> {

  @CommandLine.Mixin HelpOption help;

  @CommandLine.Mixin GridFiles files;

  @Option(
      names = "--cases",
      split = ",",
      paramLabel = "ID",
      description = "The cases to measure, comma-separated (default: every tune case).")
  List<String> cases = new ArrayList<>();

  @Option(
      names = "--warmup",
      paramLabel = "N:TIME",
      converter = Iterations.Converter.class,
      description = "JMH warm-up iterations and time each, e.g. 6:1s (default: the spec's).")
  Iterations warmup;

  @Option(
      names = "--measure",
      paramLabel = "N:TIME",
      converter = Iterations.Converter.class,
      description = "JMH measurement iterations and time each, e.g. 3:1s (default: the spec's).")
  Iterations measure;

  @Option(
      names = "--forks",
      converter = PositiveInt.class,
      paramLabel = "N",
      description = "JMH forks per point (default: the spec's).")
  Integer forks;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "Seeds the order of the points (default: ${DEFAULT-VALUE}).")
  long seed;

  private final PrintWriter out;

  GridMeasureCommand(PrintWriter out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    KnobStudy study = KnobStudy.load(files.specFile);
    Path jar = KnobStudy.artifact(files.artifact);
    JmhOptions jmh = JmhOptions.of(study.spec().benchmark());
    if (warmup != null) {
      jmh = jmh.withWarmup(warmup.count(), warmup.time());
    }
    if (measure != null) {
      jmh = jmh.withMeasurement(measure.count(), measure.time());
    }
    if (forks != null) {
      jmh = jmh.withForks(forks);
    }
    KnobGrid.measure(
        study.spec(),
        study.specFile(),
        study.space(),
        jar,
        files.table,
        study.cases(cases),
        jmh,
        seed,
        out);
    return 0;
  }

  /** JMH iterations and the time of each, written {@code N:TIME}. */
  record Iterations(int count, String time) {

    /** Reads {@code N:TIME}; anything else is a usage error naming the option. */
    static final class Converter implements CommandLine.ITypeConverter<Iterations> {
      @Override
      public Iterations convert(String text) {
        String[] parts = text.split(":", 2);
        try {
          int n = Integer.parseInt(parts[0]);
          if (parts.length == 2 && n >= 1 && !parts[1].isBlank()) {
            return new Iterations(n, parts[1]);
          }
        } catch (NumberFormatException e) {
          // reported below
        }
        throw new CommandLine.TypeConversionException(
            "'"
                + text
                + "' is not N:TIME (iterations, at least 1, and the time of each, e.g. 3:1s)");
      }
    }
  }
}

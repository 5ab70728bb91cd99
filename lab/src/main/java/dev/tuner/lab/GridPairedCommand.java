package dev.tuner.lab;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lab grid paired}: the points measure cannot tell apart, each compared with a reference.
 */
@Command(
    name = "paired",
    description = {
      "Measure the grid at the loop's own resolution: each point --only accepts is compared with a"
          + " reference as the loop decides (a 95%% interval, every replicate run). Points with the"
          + " reference's JVM knobs are compared with it in the interleaved design (both builds in"
          + " one JVM); one JVM cannot hold two collectors, so each other JVM knob value gets a"
          + " group reference (the reference's parameters with that value), compared once with the"
          + " reference in the forks design, and its group's points are compared with it.",
      "Appends to TABLE one line per comparison: the point, the point it was compared with (vs"
          + " columns), design, replicates, p50_ratio, p95_ratio, p95_low, p95_high. Points already"
          + " in TABLE are skipped, so a run can be stopped and started again."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every point compared",
      "2:bad spec or option, a point that does not name every knob",
      "3:the artifact is missing, or a benchmark JVM failed"
    })
final class GridPairedCommand implements Callable<Integer> {

  @CommandLine.Mixin HelpOption help;

  @CommandLine.Mixin GridFiles files;

  @Option(
      names = "--reference",
      required = true,
      paramLabel = "KNOB=VALUE,...",
      description = "The point every comparison leads back to; names every knob once.")
  String reference;

  @Option(
      names = "--only",
      paramLabel = "KNOB=VALUE|VALUE;...",
      description =
          "Compare only the points whose knobs have one of the values named, e.g."
              + " 'analysis.cacheSize=256|1024' (default: every point).")
  String only;

  @Option(
      names = "--cases",
      split = ",",
      paramLabel = "ID",
      description = "The cases to measure, comma-separated (default: every tune case).")
  List<String> cases = new ArrayList<>();

  @Option(
      names = "--rounds",
      converter = PositiveInt.class,
      paramLabel = "N",
      defaultValue = "16",
      description = "Interleaved rounds per side (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--forks",
      converter = PositiveInt.class,
      paramLabel = "N",
      defaultValue = "10",
      description = "Forks per side where the collectors differ (default: ${DEFAULT-VALUE}).")
  int forks;

  @Option(
      names = "--warmup",
      paramLabel = "SECONDS",
      description = "The interleaved warm-up (default: the spec's).")
  Integer warmupSeconds;

  private final PrintWriter out;

  GridPairedCommand(PrintWriter out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    KnobStudy study = KnobStudy.load(files.specFile);
    PairedGrid.measure(
        study.spec(),
        study.specFile(),
        study.space(),
        KnobStudy.artifact(files.artifact),
        files.table,
        study.point("--reference", reference),
        study.only(only),
        study.cases(cases),
        rounds,
        forks,
        warmupSeconds,
        out);
    return 0;
  }
}

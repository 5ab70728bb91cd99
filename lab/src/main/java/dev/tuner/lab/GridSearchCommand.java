package dev.tuner.lab;

import dev.tuner.knobs.KnobSpace;
import dev.tuner.propose.KnobProposer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lab grid search}: the knob search replayed over measured tables, in a second. */
@Command(
    name = "search",
    description = {
      "Run SPEC's knob search (its optimizer, from the knobs files' values) over measured grid"
          + " tables instead of the loop, once per seed, and count the evaluations it needs to come"
          + " within 5%% of the grid's best p95. Measures nothing.",
      "Several tables (passes of measure with other seeds) are read as each point's mean p95; with"
          + " --paired, the points a paired table compared take its finer values, on the tables'"
          + " scale at its reference."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:searched",
      "2:bad spec or option, a table without a column or a point the others have",
      "3:a table cannot be read"
    })
final class GridSearchCommand implements Callable<Integer> {

  @CommandLine.Mixin HelpOption help;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The spec whose knobs span the grid.")
  Path specFile;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      split = ",",
      paramLabel = "TABLE",
      description = "Tables written by measure, comma- or space-separated; each holds every point.")
  List<Path> tables = new ArrayList<>();

  @Option(
      names = "--paired",
      paramLabel = "TABLE",
      description = "A table written by paired, refining the points it compared.")
  Path paired;

  @Option(
      names = "--budget",
      converter = PositiveInt.class,
      paramLabel = "N",
      description = "Distinct points the search may measure (default: a quarter of the grid).")
  Integer budget;

  @Option(
      names = "--seeds",
      converter = PositiveInt.class,
      paramLabel = "N",
      defaultValue = "20",
      description = "Searches to run, with seeds 1 to N (default: ${DEFAULT-VALUE}).")
  int seeds;

  @CommandLine.Spec CommandLine.Model.CommandSpec command;

  private final PrintWriter out;

  GridSearchCommand(PrintWriter out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    for (Path table : tables) {
      // TABLE... takes every word, so KnobGrid's old spellings would read as file names.
      if (table.toString().contains("=") && !Files.exists(table)) {
        throw new CommandLine.ParameterException(
            command.commandLine(),
            "TABLE '" + table + "' does not exist; an option is written --" + table);
      }
    }
    KnobStudy study = KnobStudy.load(specFile);
    KnobSpace space = study.space();
    Map<String, String> start =
        new KnobProposer(study.spec().knobs(), "p95", study.spec().benchmark().jvmOptionsFile())
            .knobs(study.root());
    List<KnobGrid.Table> passes = new ArrayList<>();
    for (Path file : tables) {
      passes.add(KnobGrid.Table.read(file, space));
    }
    KnobGrid.Table table = KnobGrid.Table.mean(passes);
    if (paired != null) {
      table = table.refinedBy(PairedGrid.read(paired, space));
    }
    int points = space.grid(KnobSpace.GRID_LEVELS).size();
    GridReplay.run(
        space,
        table,
        start,
        study.spec().knobs().optimizer(),
        budget != null ? budget : points / 4,
        seeds,
        out);
    return 0;
  }
}

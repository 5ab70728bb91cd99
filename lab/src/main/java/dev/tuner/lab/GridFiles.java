package dev.tuner.lab;

import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/**
 * The positional arguments of the commands that measure a grid: what to read, run and append to.
 */
final class GridFiles {

  @Parameters(index = "0", paramLabel = "SPEC", description = "The spec whose knobs span the grid.")
  Path specFile;

  @Parameters(
      index = "1",
      paramLabel = "ARTIFACT",
      description =
          "The example's uber-jar, e.g. example/target/example-upstream.jar (tuner's runner goes in front).")
  Path artifact;

  @Parameters(index = "2", paramLabel = "TABLE", description = "The TSV table to append to.")
  Path table;
}

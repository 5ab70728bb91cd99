package dev.tuner.parity;

import dev.tuner.harness.spec.Contract;
import dev.tuner.io.Classpath;
import dev.tuner.io.JavaFork;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The harness's own command line ({@code record}, {@code verify}) in a JVM forked on a class path:
 * the code under test never runs in the tuner's JVM. The one place that spells that command line.
 */
public final class HarnessFork {

  static final String MAIN = "dev.tuner.harness.cli.HarnessMain";

  private HarnessFork() {}

  /**
   * Runs {@code command} with its output relayed to {@code out} and {@code err}; returns its exit
   * code.
   */
  public static int relay(
      Path root,
      Classpath classpath,
      Path specFile,
      String command,
      List<String> args,
      PrintWriter out,
      PrintWriter err)
      throws IOException {
    return JavaFork.run(
        root, classpath, List.of(), MAIN, arguments(specFile, command, args), Map.of(), out, err);
  }

  /** {@code java -cp ARTIFACT HarnessMain COMMAND --spec FILE ARGS…}. */
  static List<String> commandLine(
      Classpath classpath, Path specFile, String command, List<String> args) {
    return JavaFork.command(classpath, List.of(), MAIN, arguments(specFile, command, args));
  }

  /** {@code verify}'s options for these cases under these contracts. */
  public static List<String> verifyOptions(List<String> cases, Map<String, Contract> contracts) {
    List<String> args = new ArrayList<>();
    cases.forEach(c -> args.addAll(List.of("--case", c)));
    contracts.forEach(
        (upstream, contract) ->
            args.addAll(List.of("--contract", upstream + "=" + contract.yamlName())));
    return args;
  }

  private static List<String> arguments(Path specFile, String command, List<String> args) {
    List<String> all =
        new ArrayList<>(List.of(command, "--spec", specFile.toAbsolutePath().toString()));
    all.addAll(args);
    return all;
  }
}

package dev.tuner.cli;

import dev.tuner.io.JavaFork;
import dev.tuner.spec.TunerSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a harness command (record or verify) in a forked JVM on the build's artifact. */
final class HarnessCommand {

  static final String MAIN = "dev.tuner.harness.cli.HarnessMain";

  private HarnessCommand() {}

  static int fork(Project project, TunerSpec spec, String command, List<String> args, PrintWriter out, PrintWriter err)
      throws Exception {
    return fork(project, project.artifact(spec, err), command, args, out, err);
  }

  static int fork(Project project, Path artifact, String command, List<String> args, PrintWriter out,
      PrintWriter err) throws Exception {
    List<String> all = new ArrayList<>();
    all.add(command);
    all.add("--spec");
    all.add(project.specFile.toAbsolutePath().toString());
    all.addAll(args);
    return JavaFork.run(project.root(), artifact, List.of(), MAIN, all, Map.of(), out, err);
  }
}

package dev.tuner.cli;

import dev.tuner.build.BuildFailedException;
import dev.tuner.build.ProjectBuild;
import dev.tuner.harness.spec.SpecException;
import dev.tuner.io.Classpath;
import dev.tuner.parity.HarnessFork;
import dev.tuner.spec.TunerSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every command shares: which spec, and so which repository, to work on. */
final class Project {

  @Option(
      names = "--spec",
      paramLabel = "FILE",
      defaultValue = "tuner.yaml",
      description =
          "The spec file (default: ${DEFAULT-VALUE}); its directory is the repository root.")
  Path specFile;

  TunerSpec spec() throws SpecException {
    return TunerSpec.load(specFile);
  }

  Path root() {
    return specFile.toAbsolutePath().getParent();
  }

  /** The tree's build, built first when it is missing or older than a source. */
  Classpath build(TunerSpec spec, PrintWriter log) throws BuildFailedException, IOException {
    return ProjectBuild.ensure(root(), spec.build(), log);
  }

  /** Runs a harness command ({@code record}, {@code verify}) forked on the build; its exit code. */
  int harness(
      Classpath classpath, String command, List<String> args, PrintWriter out, PrintWriter err)
      throws IOException {
    return HarnessFork.relay(root(), classpath, specFile, command, args, out, err);
  }
}

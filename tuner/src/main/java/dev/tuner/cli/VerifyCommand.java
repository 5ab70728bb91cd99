package dev.tuner.cli;

import dev.tuner.error.UsageException;

import dev.tuner.harness.ExitCode;

import dev.tuner.spec.OptimizeSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "verify",
    description = {
      "Replay cases with no network and check parity with the recording.",
      "Every request must be answered by a recorded stub, call counts stay within each case's contract,"
          + " fixture files are unchanged (sha256) and outputs equal their goldens.",
      "A mismatch writes goldens/<case>.received.json and prints the differing JSON paths."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every case passed",
      "1:a case failed (output, calls, unmatched request, fixture changed)",
      "2:bad spec or option, corrupt fixture or golden, --update with CI=true",
      "3:the build failed or its artifact is missing"
    })
final class VerifyCommand implements Callable<Integer> {

  @Mixin Project project;

  @Option(names = "--case", paramLabel = "ID", description = "Verify only this case (repeatable).")
  List<String> cases = new ArrayList<>();

  @Option(names = "--holdout", description = "Verify only the hold-out cases.")
  boolean holdout;

  @Option(names = "--update", description = "Approve outputs that differ from their goldens (refused when CI=true).")
  boolean update;

  @Option(names = "--transport", paramLabel = "KIND", defaultValue = "in-process",
      description = "in-process (default) or loopback (WireMock on 127.0.0.1).")
  String transport;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
  Path json;

  @Option(names = "--phase", paramLabel = "NAME",
      description = "Check calls under the contracts of this optimize phase (optimize.phases) instead of the spec's.")
  String phase;

  private final PrintWriter out;
  private final PrintWriter err;

  private final Map<String, String> env;

  VerifyCommand(PrintWriter out, PrintWriter err, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    var spec = project.spec();
    if (update && "true".equalsIgnoreCase(env.get("CI"))) {
      err.println("tuner verify: --update approves new goldens and is refused when CI=true;"
          + " run it locally and commit the goldens");
      return ExitCode.USAGE;
    }
    List<String> args = new ArrayList<>();
    cases.forEach(c -> args.addAll(List.of("--case", c)));
    if (holdout) {
      args.add("--holdout");
    }
    if (update) {
      args.add("--update");
    }
    args.addAll(List.of("--transport", transport));
    if (json != null) {
      args.addAll(List.of("--json", json.toAbsolutePath().toString()));
    }
    if (phase != null) {
      var chosen = spec.optimize().phases().stream().filter(p -> p.name().equals(phase)).findFirst()
          .orElseThrow(() -> new UsageException("--phase " + phase + ": no such phase in "
              + project.specFile + "; phases: " + spec.optimize().phases().stream()
                  .map(OptimizeSpec.PhaseSpec::name).toList()));
      chosen.contracts().forEach((upstream, contract) -> args.addAll(List.of("--contract",
          upstream + "=" + contract.yamlName())));
    }
    return project.harness(project.artifact(spec, err), "verify", args, out, err);
  }
}

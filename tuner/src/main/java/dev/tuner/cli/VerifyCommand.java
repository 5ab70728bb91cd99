package dev.tuner.cli;

import dev.tuner.error.UsageException;
import dev.tuner.harness.replay.TransportKind;
import dev.tuner.harness.spec.Contract;
import dev.tuner.spec.OptimizeSpec;
import dev.tuner.spec.TunerSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(
    name = "verify",
    description = {
      "Replay cases with no network and check parity with the recording.",
      "Every request must be answered by a recorded stub, call counts stay within each case's"
          + " contract, fixture files are unchanged (sha256) and outputs equal their goldens.",
      "A mismatch writes goldens/<case>.received.json and prints the differing JSON paths."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every case passed",
      "1:a case failed (output, calls, unmatched request, fixture changed)",
      "2:bad spec or option, corrupt fixture or golden, --update with CI=true",
      "3:the build failed or its output is missing"
    })
final class VerifyCommand implements Callable<Integer> {

  @Mixin Project project;

  @Mixin CaseSelection.WithHoldout cases;

  @Option(
      names = "--update",
      description = "Approve outputs that differ from their goldens (refused when CI=true).")
  boolean update;

  @Option(
      names = "--transport",
      paramLabel = "KIND",
      converter = Transport.class,
      description =
          "in-process or loopback (WireMock on 127.0.0.1); default: the spec's"
              + " benchmark.transport.")
  TransportKind transport;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
  Path json;

  @Option(
      names = "--phase",
      paramLabel = "NAME",
      description =
          "Check calls under the contracts of this optimize phase (optimize.phases) instead of the"
              + " spec's.")
  String phase;

  @Spec CommandSpec commandSpec;

  @ParentCommand Main main;

  @Override
  public Integer call() throws Exception {
    if (update && "true".equalsIgnoreCase(main.env().get("CI"))) {
      throw new UsageException(
          "--update approves new goldens and is refused when CI=true;"
              + " run it locally and commit the goldens");
    }
    TunerSpec spec = project.spec();
    // Everything the spec can refuse is refused here, before the build runs.
    List<String> args = cases.harnessArgs(spec);
    if (update) {
      args.add("--update");
    }
    if (transport != null) {
      args.addAll(List.of("--transport", transport.label()));
    }
    if (json != null) {
      args.addAll(List.of("--json", json.toAbsolutePath().toString()));
    }
    if (phase != null) {
      contracts(spec)
          .forEach(
              (upstream, contract) ->
                  args.addAll(List.of("--contract", upstream + "=" + contract.yamlName())));
    }
    PrintWriter out = commandSpec.commandLine().getOut();
    PrintWriter err = commandSpec.commandLine().getErr();
    return project.harness(project.build(spec, err), "verify", args, out, err);
  }

  /** The contracts of the phase {@code --phase} names. */
  private Map<String, Contract> contracts(TunerSpec spec) throws UsageException {
    return spec.optimize().phases().stream()
        .filter(p -> p.name().equals(phase))
        .findFirst()
        .orElseThrow(
            () ->
                new UsageException(
                    "--phase "
                        + phase
                        + ": no such phase in "
                        + project.specFile
                        + "; phases: "
                        + spec.optimize().phases().stream()
                            .map(OptimizeSpec.PhaseSpec::name)
                            .toList()))
        .contracts();
  }

  /**
   * {@code in-process} or {@code loopback}, checked here rather than in the harness after the
   * build.
   */
  static final class Transport implements ITypeConverter<TransportKind> {
    @Override
    public TransportKind convert(String value) {
      try {
        return TransportKind.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}

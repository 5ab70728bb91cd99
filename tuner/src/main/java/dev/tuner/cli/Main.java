package dev.tuner.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tuner} command line. It parses arguments and maps outcomes to exit codes; the work lives in
 * the engine packages, so this class takes its writers and returns an exit code instead of exiting.
 */
@Command(
    name = "tuner",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "A JMH-centred performance autotuner for JVM code, with a record/replay harness.",
    subcommands = {CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:a check failed (parity mismatch, unmatched request, calls changed)",
      "2:usage or spec error, corrupt fixture or golden",
      "3:the environment failed (build failed, upstream unreachable, artifact missing)"
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final PrintWriter out;
  private final PrintWriter err;

  public Main(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(new Main(out, err).run(args));
  }

  /** Runs one command line and returns its exit code. */
  public int run(String... args) {
    CommandLine cli = new CommandLine(this)
        .setOut(out)
        .setErr(err)
        .setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? ExitCode.USAGE : ExitCode.ENVIRONMENT)
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          err.println("tuner: " + e);
          return ExitCode.ENVIRONMENT;
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public void run() {
    spec.commandLine().usage(out);
  }
}

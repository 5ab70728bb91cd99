package dev.tuner.cli;

import dev.tuner.error.CheckFailedException;
import dev.tuner.error.EnvironmentException;
import dev.tuner.error.TunerException;
import dev.tuner.error.UsageException;
import dev.tuner.harness.ExitCode;
import dev.tuner.harness.HarnessException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tuner} command line. It parses arguments and maps outcomes to exit codes; the work
 * lives in the engine packages, so this class takes its writers and returns an exit code instead of
 * exiting. Commands write to {@code spec.commandLine().getOut()/getErr()} and read the environment
 * through their parent, so tests see everything a command prints and decide what it sees.
 */
@Command(
    name = "tuner",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    resourceBundle = "dev.tuner.cli.HelpText",
    description = "A JMH-centred performance autotuner for JVM code, with a record/replay harness.",
    subcommands = {
      InitCommand.class,
      RecordCommand.class,
      VerifyCommand.class,
      BenchCommand.class,
      CompareCommand.class,
      CalibrateCommand.class,
      OptimizeCommand.class,
      LogCommand.class,
      ReportCommand.class,
      ProfileCommand.class,
      DemoCommand.class,
      McpCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:a check failed (parity mismatch, unmatched request, calls changed)",
      "2:usage or spec error, corrupt fixture or golden",
      "3:the environment failed (build failed, upstream unreachable, build output missing)"
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final PrintWriter out;
  private final PrintWriter err;
  private final Map<String, String> env;

  /** A command line writing to these writers, seeing this environment (tests pass their own). */
  public Main(PrintWriter out, PrintWriter err, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.env = Map.copyOf(env);
  }

  public static void main(String[] args) {
    // The report draws its chart with Java2D; the CLI never opens a window, display or not.
    System.setProperty("java.awt.headless", "true");
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(new Main(out, err, System.getenv()).run(args));
  }

  /** Runs one command line and returns its exit code. */
  public int run(String... args) {
    CommandLine cli =
        new CommandLine(this)
            .setOut(out)
            .setErr(err)
            .setExitCodeExceptionMapper(Main::exitCodeOf)
            .setExecutionExceptionHandler(
                (e, cmd, parsed) -> {
                  cmd.getErr().println("tuner " + cmd.getCommandName() + ": " + e.getMessage());
                  return cmd.getExitCodeExceptionMapper().getExitCode(e);
                });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The environment the commands see: the process's, or a test's. */
  Map<String, String> env() {
    return env;
  }

  /**
   * The one place failures become exit codes: tuner and harness exceptions carry their own; a bad
   * option is a usage error; anything unexpected is an environment failure. Every option value a
   * user can get wrong is refused by the command line before the engine sees it, so an {@link
   * IllegalArgumentException} from the engine is a bug and not mapped to 2.
   */
  static int exitCodeOf(Throwable e) {
    if (e instanceof TunerException t) {
      return t.exitCode();
    }
    if (e instanceof HarnessException h) {
      return h.exitCode();
    }
    if (e instanceof CommandLine.ParameterException) {
      return ExitCode.USAGE;
    }
    return ExitCode.ENVIRONMENT;
  }

  /**
   * The failure of a step that ran as a process or a nested command and ended with {@code code}, as
   * the exception of that exit code; a code outside the documented ones (a killed JVM) is an
   * environment failure.
   */
  static TunerException failure(int code, String message) {
    return switch (code) {
      case ExitCode.CHECK_FAILED -> new CheckFailedException(message);
      case ExitCode.USAGE -> new UsageException(message);
      default -> new EnvironmentException(message);
    };
  }

  @Override
  public void run() {
    spec.commandLine().usage(out);
  }
}

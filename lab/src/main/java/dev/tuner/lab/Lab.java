package dev.tuner.lab;

import dev.tuner.error.TunerException;
import dev.tuner.harness.ExitCode;
import dev.tuner.harness.HarnessException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The lab's one command line: studies of the engine that are not part of the product. Like the
 * tuner's {@code Main}, it takes its writers and returns an exit code, so tests can run it; only
 * {@link #main} exits.
 */
@Command(
    name = "lab",
    description = {
      "Studies of the tuner's engine (not shipped in tuner.jar): tools that measure how the"
          + " engine's search and decisions behave, whose tables the measurement notes under"
          + " docs/measurements/ cite."
    },
    subcommands = {GridCommand.class, RulesCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "2:usage or spec error (an unknown or missing option, a bad point, a table without a column)",
      "3:the environment failed (artifact missing, a benchmark JVM failed)"
    })
public final class Lab implements Runnable {

  @CommandLine.Mixin HelpOption help;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final PrintWriter out;
  private final PrintWriter err;

  /** A command line writing to these writers (tests pass their own). */
  public Lab(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    // Auto-flushing: a grid runs for half an hour and reports each point as it is measured.
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(new Lab(out, err).run(args));
  }

  /** Runs one command line and returns its exit code. */
  public int run(String... args) {
    int code = commandLine().execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The command tree, its writers and exit codes set; tests parse with it without running. */
  CommandLine commandLine() {
    return new CommandLine(this, new Factory())
        .setOut(out)
        .setErr(err)
        .setExitCodeExceptionMapper(Lab::exitCodeOf)
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              err.println(cmd.getCommandSpec().qualifiedName() + ": " + messageOf(e));
              return exitCodeOf(e);
            });
  }

  /**
   * As the tuner maps failures: their own code, a bad command line or argument 2, anything else the
   * environment. Picocli asks this mapper for its own parse errors too, hence the first case.
   */
  static int exitCodeOf(Throwable e) {
    if (e instanceof CommandLine.ParameterException) {
      return ExitCode.USAGE;
    }
    if (e instanceof TunerException t) {
      return t.exitCode();
    }
    if (e instanceof HarnessException h) {
      return h.exitCode();
    }
    if (e instanceof IllegalArgumentException) {
      return ExitCode.USAGE;
    }
    return ExitCode.ENVIRONMENT;
  }

  private static String messageOf(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file: " + e.getMessage();
    }
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  /** Gives the commands this command line's output writer. */
  private final class Factory implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == GridMeasureCommand.class) {
        return type.cast(new GridMeasureCommand(out));
      } else if (type == GridPairedCommand.class) {
        return type.cast(new GridPairedCommand(out));
      } else if (type == GridSearchCommand.class) {
        return type.cast(new GridSearchCommand(out));
      } else if (type == RulesCommand.class) {
        return type.cast(new RulesCommand(out));
      }
      return CommandLine.defaultFactory().create(type);
    }
  }

  /** No command: a usage error, as KnobGrid's missing mode was. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing required subcommand: grid or rules");
  }
}

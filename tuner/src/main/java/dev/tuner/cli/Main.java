package dev.tuner.cli;

import dev.tuner.harness.ExitCode;

import dev.tuner.error.TunerException;
import dev.tuner.harness.HarnessException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
    subcommands = {
      RecordCommand.class,
      VerifyCommand.class,
      BenchCommand.class,
      CompareCommand.class,
      CalibrateCommand.class,
      OptimizeCommand.class,
      LogCommand.class,
      ReportCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    },
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
    CommandLine cli = new CommandLine(this, new Factory())
        .setOut(out)
        .setErr(err)
        .setExitCodeExceptionMapper(Main::exitCodeOf)
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          err.println("tuner " + cmd.getCommandName() + ": " + e.getMessage());
          return cmd.getExitCodeExceptionMapper().getExitCode(e);
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The one place failures become exit codes: tuner and harness exceptions carry their own; anything
   * unexpected is an environment failure.
   */
  static int exitCodeOf(Throwable e) {
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

  /** Gives commands this Main's writers. */
  private final class Factory implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == RecordCommand.class) {
        return type.cast(new RecordCommand(out, err));
      } else if (type == VerifyCommand.class) {
        return type.cast(new VerifyCommand(out, err, env));
      } else if (type == BenchCommand.class) {
        return type.cast(new BenchCommand(out, err));
      } else if (type == CompareCommand.class) {
        return type.cast(new CompareCommand(out, err));
      } else if (type == OptimizeCommand.class) {
        return type.cast(new OptimizeCommand(out, err, env));
      } else if (type == CalibrateCommand.class) {
        return type.cast(new CalibrateCommand(out, err));
      } else if (type == LogCommand.class) {
        return type.cast(new LogCommand(out, err));
      } else if (type == ReportCommand.class) {
        return type.cast(new ReportCommand(out, err));
      } else if (type == DemoCommand.class) {
        return type.cast(new DemoCommand(out, err, env));
      }
      return CommandLine.defaultFactory().create(type);
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(out);
  }
}

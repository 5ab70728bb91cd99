package dev.tuner.cli;

import dev.tuner.build.BuildFailedException;
import dev.tuner.build.ProjectBuild;
import dev.tuner.demo.DemoWorkspace;
import dev.tuner.demo.LiveUpstream;
import dev.tuner.error.EnvironmentException;
import dev.tuner.error.TunerException;
import dev.tuner.harness.ExitCode;
import dev.tuner.io.Classpath;
import dev.tuner.review.ReviewLog;
import dev.tuner.spec.TunerSpec;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

// Over 300 lines: the demo is one script of eight steps that a reader follows top to bottom.
@Command(
    name = "demo",
    description = {
      "The whole story on the bundled example in one command, in a workspace of its own (a clone of"
          + " this repository's HEAD; your working tree is never touched): build, start the"
          + " example's live upstream on a free port, record, stop it, verify with no network,"
          + " optimize phase by phase (each from the best of the one before; each ends with the"
          + " hold-out check), and report.",
      "Prints where the HTML report is at the end. The upstream is stopped on failure and on Ctrl-C"
          + " too.",
      "Phases: the demo patch queue (example/patches)."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the story ran to the report",
      "1:a check failed (the recording does not verify, or a baseline fails parity)",
      "2:bad option, --dir not empty, or the repository is not the bundled example",
      "3:the environment failed (build, upstream, or an optimize run aborted)"
    })
final class DemoCommand implements Callable<Integer> {

  /**
   * One optimisation phase: a name and the optimize options that choose its proposer, given the
   * workspace. The phases run in order, each from the best of the one before.
   */
  record Phase(String name, Function<Path, List<String>> optimizeArgs) {}

  /**
   * The phases the demo runs: the knob search on the declared knobs, then the demo patch queue on
   * the code.
   */
  static final List<Phase> PHASES =
      List.of(
          new Phase("knobs", ws -> List.of("--proposer", "knobs")),
          new Phase(
              "patches",
              ws ->
                  List.of(
                      "--proposer",
                      "patches",
                      "--patches",
                      ws.resolve("example/patches").toString())));

  @Mixin Project project;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "The workspace (default: .tuner/demo/<date-time> next"
              + " to the spec); must not exist or be empty.")
  Path dir;

  @Option(
      names = "--quick",
      description =
          "Tiny benchmark settings and 3 cases: minutes instead of an hour, noisy"
              + " numbers. For a first look and for tests.")
  boolean quick;

  @Option(
      names = "--max-minutes",
      paramLabel = "M",
      converter = Bounds.Positive.class,
      description = "Wall-time budget of all optimize phases together.")
  Integer maxMinutes;

  @Option(
      names = "--max-experiments",
      paramLabel = "N",
      converter = Bounds.NonNegative.class,
      description = "Tries per phase (default: the phase's queue; with --quick, 2).")
  Integer maxExperiments;

  @Option(
      names = "--latency-ms",
      paramLabel = "L",
      defaultValue = "15",
      converter = Bounds.NonNegative.class,
      description =
          "The live upstream's added latency per call while recording (default:"
              + " ${DEFAULT-VALUE}).")
  int latencyMs;

  @Spec CommandSpec commandSpec;

  @ParentCommand Main main;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = out();
    Instant started = Instant.now();
    Path root = project.root();
    Path workspaceDir =
        (dir != null
                ? dir
                : root.resolve(
                    ".tuner/demo/"
                        + LocalDateTime.now()
                            .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))))
            .toAbsolutePath()
            .normalize();
    int steps = 6 + PHASES.size();
    int step = 0;

    progress(++step, steps, "workspace: cloning " + root + " (HEAD) into " + workspaceDir);
    DemoWorkspace workspace = DemoWorkspace.cloneOf(root, workspaceDir);
    out.println(
        "  at "
            + workspace.head().substring(0, 8)
            + "; uncommitted changes of yours are not in it");
    String spec = workspace.spec().toString();
    Path logs = workspaceDir.resolve(".tuner/logs");
    Files.createDirectories(logs);

    // The spec names the upstream's URL, and a changed spec makes the build stale: configure first.
    int port = LiveUpstream.freePort();
    workspace.configure(LiveUpstream.baseUrl(port), quick);
    TunerSpec workspaceSpec = TunerSpec.load(workspace.spec());
    progress(
        ++step, steps, "build: " + ProjectBuild.command(workspaceDir, workspaceSpec.build(), true));
    Classpath build;
    try (PrintWriter buildLog =
        new PrintWriter(
            Files.newBufferedWriter(logs.resolve("demo-build.log"), StandardCharsets.UTF_8),
            true)) {
      build = ProjectBuild.ensure(workspaceDir, workspaceSpec.build(), buildLog);
    } catch (BuildFailedException e) {
      throw new EnvironmentException(
          "the build failed: " + e.getMessage() + " (log: " + logs.resolve("demo-build.log") + ")",
          e);
    }

    progress(
        ++step, steps, "live upstream: starting the example's services, then recording every case");
    int code;
    try (LiveUpstream upstream =
        LiveUpstream.start(build, port, latencyMs, logs.resolve("example-upstream.log"))) {
      out.println("  listening on " + upstream.baseUrl());
      code = tuner("record", "--spec", spec);
    }
    out.println("  upstream stopped");
    if (code != ExitCode.OK) {
      throw failed("record", code);
    }
    workspace.commitAll("demo: recorded from the live upstream");

    progress(++step, steps, "verify: every case replayed with no network");
    code = tuner("verify", "--spec", spec);
    if (code != ExitCode.OK) {
      throw failed("verify", code);
    }

    List<String> tags = new ArrayList<>();
    Instant optimizing = Instant.now();
    for (int i = 0; i < PHASES.size(); i++) {
      Phase phase = PHASES.get(i);
      String tag = "demo-" + (i + 1) + "-" + phase.name();
      progress(
          ++step,
          steps,
          "optimize, phase "
              + (i + 1)
              + "/"
              + PHASES.size()
              + " ("
              + phase.name()
              + "): branch"
              + " tuner/"
              + tag
              + ", hold-out check at its end");
      List<String> args = new ArrayList<>(List.of("optimize", "--spec", spec, "--tag", tag));
      args.addAll(phase.optimizeArgs().apply(workspaceDir));
      Integer tries = maxExperiments != null ? maxExperiments : quick ? Integer.valueOf(2) : null;
      if (tries != null) {
        args.addAll(List.of("--max-experiments", tries.toString()));
      }
      if (maxMinutes != null) {
        long left = maxMinutes - Duration.between(optimizing, Instant.now()).toMinutes();
        if (left <= 0) {
          out.println("  skipped: the --max-minutes budget is spent");
          continue;
        }
        args.addAll(List.of("--max-minutes", String.valueOf(left)));
      }
      code = tuner(args.toArray(String[]::new));
      if (code != ExitCode.OK) {
        throw failed("optimize (phase " + phase.name() + ")", code);
      }
      tags.add(tag);
      if (i + 1 < PHASES.size() && workspace.advanceTo("tuner/" + tag)) {
        out.println("  the next phase starts from the best of tuner/" + tag);
      }
    }

    progress(++step, steps, "report");
    if (tags.size() > 1) {
      // Each phase is a run of optimize, a segment of the log: one page each, the last one as
      // report.html.
      List<ReviewLog.Segment> segments =
          ReviewLog.read(workspaceDir.resolve(".tuner/experiments.jsonl"), err()).segments();
      for (ReviewLog.Segment segment : segments.subList(0, segments.size() - 1)) {
        String name =
            segment.config() == null || segment.config().branch() == null
                ? "segment-" + segment.number()
                : segment.config().branch().replace("tuner/", "");
        code =
            tuner(
                "report",
                "--spec",
                spec,
                "--segment",
                String.valueOf(segment.number()),
                "--html",
                workspaceDir.resolve(".tuner/report/" + name + ".html").toString());
        if (code != ExitCode.OK) {
          throw failed("report", code);
        }
      }
    }
    Path html = workspaceDir.resolve(".tuner/report/report.html");
    code =
        tuner(
            "report",
            "--spec",
            spec,
            "--html",
            html.toString(),
            "--png",
            workspaceDir.resolve(".tuner/report/chart.png").toString());
    if (code != ExitCode.OK) {
      throw failed("report", code);
    }

    progress(
        ++step,
        steps,
        String.format(
            Locale.ROOT,
            "done in %.1f min",
            Duration.between(started, Instant.now()).toSeconds() / 60.0));
    out.println(
        "  workspace: "
            + workspaceDir
            + " (branches "
            + String.join(", ", tags.stream().map(t -> "tuner/" + t).toList())
            + ")");
    out.println("  log:       tuner log --spec " + spec);
    out.println("report: " + html);
    return ExitCode.OK;
  }

  /** Runs a tuner command in this JVM, with this command's writers and environment. */
  private int tuner(String... args) {
    out().println("  $ tuner " + String.join(" ", args));
    out().flush();
    return new Main(out(), err(), main.env()).run(args);
  }

  /** A step's failure, ending the demo with the step's exit code. */
  private static TunerException failed(String what, int code) {
    return Main.failure(
        code, what + " failed (exit " + code + "); the workspace is left as it was for a look");
  }

  private void progress(int step, int steps, String what) {
    out().printf(Locale.ROOT, "%n== demo [%d/%d] %s%n", step, steps, what);
    out().flush();
  }

  private PrintWriter out() {
    return commandSpec.commandLine().getOut();
  }

  private PrintWriter err() {
    return commandSpec.commandLine().getErr();
  }
}

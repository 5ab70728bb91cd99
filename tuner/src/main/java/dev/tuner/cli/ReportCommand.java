package dev.tuner.cli;

import dev.tuner.error.EnvironmentException;
import dev.tuner.error.UsageException;
import dev.tuner.harness.ExitCode;
import dev.tuner.io.AtomicFile;
import dev.tuner.review.Flames;
import dev.tuner.review.HtmlReport;
import dev.tuner.review.ReviewLog;
import dev.tuner.review.RunChart;
import dev.tuner.review.Summary;
import dev.tuner.review.SummaryText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "report",
    description = {
      "Summarise one run of optimize (the last segment of the log unless --segment): baseline →"
          + " best for p50 and p95 with intervals (chained from the kept steps' decisions), tries"
          + " by status, the top 3 changes, the hold-out verdict, tokens, cost and wall time.",
      "--html writes one self-contained page (summary, chart, table, each try's hypothesis, asi and"
          + " diff stats; no script, no network), and, when the run's profiles are in"
          + " .tuner/profiles/, the best's CPU and allocation flame graphs and the differential"
          + " flame graph baseline → best; --png and --svg write the chart of the primary metric"
          + " over runs; --flame writes one flame graph alone.",
      "Without FILE they write .tuner/report/report.html, chart.png and chart.svg next to the spec."
          + " Files are written whole (a temporary file, then a move)."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the report was printed and every file asked for written",
      "2:no log at the path, no such segment, an empty log, a bad option, or no profile for"
          + " --flame (or an unreadable one)",
      "3:a file could not be written"
    })
final class ReportCommand implements Callable<Integer> {

  static final int CHART_WIDTH = 1100;
  static final int CHART_HEIGHT = 520;

  @Mixin Project project;

  @Option(
      names = "--log",
      paramLabel = "FILE",
      description = "The log to read (default: .tuner/experiments.jsonl next to the spec).")
  Path logFile;

  @Option(
      names = "--segment",
      paramLabel = "N",
      description = "Which run of optimize (default: the last).")
  Integer segment;

  @Option(
      names = "--html",
      arity = "0..1",
      fallbackValue = "",
      paramLabel = "FILE",
      description = "Write the HTML report (default FILE: .tuner/report/report.html).")
  String html;

  @Option(
      names = "--png",
      arity = "0..1",
      fallbackValue = "",
      paramLabel = "FILE",
      description = "Write the chart as PNG (default FILE: .tuner/report/chart.png).")
  String png;

  @Option(
      names = "--svg",
      arity = "0..1",
      fallbackValue = "",
      paramLabel = "FILE",
      description = "Write the chart as SVG (default FILE: .tuner/report/chart.svg).")
  String svg;

  @Option(
      names = "--flame",
      paramLabel = "FILE",
      description =
          "Write one flame graph alone as SVG (which: --flame-of), and its collapsed stacks next to"
              + " it (FILE with .collapsed). Needs the run's profiles in .tuner/profiles/ next to"
              + " the log.")
  Path flame;

  @Option(
      names = "--flame-of",
      paramLabel = "KIND",
      defaultValue = "cpu",
      description =
          "cpu (the best's CPU, the default), alloc (the best's allocations) or diff (baseline →"
              + " best; its collapsed file has two columns, before and after).")
  String flameOf;

  @Spec CommandSpec commandSpec;

  @Override
  public Integer call() throws Exception {
    Path file = logFile(project, logFile);
    ReviewLog log = read(file, commandSpec.commandLine().getErr());
    var chosen = log.segment(segment);
    if (chosen.isEmpty()) {
      throw new UsageException(
          segment == null
              ? file + " has no experiments to report on"
              : "--segment " + segment + ": " + file + " has no such segment");
    }
    Summary summary = Summary.of(chosen.get());
    SummaryText.print(summary, commandSpec.commandLine().getOut());
    boolean measured = chosen.get().rows().stream().anyMatch(r -> r.level() != null);
    if ((png != null || svg != null) && !measured) {
      throw new UsageException(
          "segment " + chosen.get().number() + " has no measured try: no chart to write");
    }
    RunChart chart = measured ? RunChart.of(chosen.get(), CHART_WIDTH, CHART_HEIGHT) : null;
    Flames.Kind kind = flameKind();
    Path profiles = file.toAbsolutePath().getParent().resolve("profiles");
    Flames flames = html != null || flame != null ? Flames.of(summary, profiles) : Flames.NONE;
    if (flame != null && flames.svg(kind) == null) {
      throw new UsageException(
          "no "
              + flameOf
              + " flame graph for segment "
              + chosen.get().number()
              + ": "
              + (kind == Flames.Kind.DIFF
                  ? "the baseline's and the best's profiles are both needed (a run that kept"
                      + " nothing has no diff)"
                  : "no profile of the best")
              + " in "
              + profiles
              + "; tuner profile REV takes one");
    }
    try {
      if (png != null) {
        write(target(png, "chart.png"), chart.png());
      }
      if (svg != null) {
        write(target(svg, "chart.svg"), chart.svg());
      }
      if (html != null) {
        write(
            target(html, "report.html"),
            HtmlReport.render(summary, chart == null ? null : chart.png(), flames));
      }
      if (flame != null) {
        Path svgFile = flame.toAbsolutePath().normalize();
        String base = svgFile.getFileName().toString().replaceFirst("\\.svg$", "");
        write(svgFile, flames.svg(kind).getBytes(StandardCharsets.UTF_8));
        write(
            svgFile.resolveSibling(base + ".collapsed"),
            flames.collapsed(kind).getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new EnvironmentException("cannot write " + e.getMessage(), e);
    }
    return ExitCode.OK;
  }

  private Flames.Kind flameKind() throws UsageException {
    return switch (flameOf) {
      case "cpu" -> Flames.Kind.CPU;
      case "alloc" -> Flames.Kind.ALLOC;
      case "diff" -> Flames.Kind.DIFF;
      default ->
          throw new UsageException("--flame-of " + flameOf + ": expected cpu, alloc or diff");
    };
  }

  private void write(Path target, byte[] content) throws IOException {
    AtomicFile.write(target, content);
    commandSpec.commandLine().getOut().println("wrote " + target);
  }

  /** A FILE as given (relative to the working directory), or the default under .tuner/report/. */
  private Path target(String given, String defaultName) {
    return given.isEmpty()
        ? project.root().resolve(".tuner/report").resolve(defaultName)
        : Path.of(given).toAbsolutePath().normalize();
  }

  static Path logFile(Project project, Path given) {
    return given != null ? given : project.root().resolve(".tuner/experiments.jsonl");
  }

  /**
   * The experiment log at {@code file}, its damaged lines reported on {@code err}.
   *
   * @throws UsageException when there is no log there
   */
  static ReviewLog read(Path file, PrintWriter err) throws IOException, UsageException {
    try {
      return ReviewLog.read(file, err);
    } catch (NoSuchFileException e) {
      throw new UsageException(missing(file), e);
    }
  }

  static String missing(Path file) {
    return "no experiment log at " + file + "; run tuner optimize first, or pass --log FILE";
  }

  /**
   * How wide table lines may be: COLUMNS when exported, 120 on a terminal that does not say, and no
   * limit when the output goes to a pipe or file (nothing there wraps).
   */
  static int terminalWidth(Map<String, String> env) {
    String columns = env.get("COLUMNS");
    if (columns != null && columns.strip().matches("\\d{1,4}")) {
      return Math.max(60, Integer.parseInt(columns.strip()));
    }
    return System.console() == null ? Integer.MAX_VALUE : 120;
  }
}

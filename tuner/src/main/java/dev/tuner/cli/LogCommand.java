package dev.tuner.cli;

import dev.tuner.error.UsageException;
import dev.tuner.harness.ExitCode;
import dev.tuner.review.Filter;
import dev.tuner.review.GroupBy;
import dev.tuner.review.LogView;
import dev.tuner.review.ReviewLog;
import dev.tuner.review.Row;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "log",
    description = {
      "Show the experiment log: one line per try (run, commit, status, phase, p50 and p95 change"
          + " against the best it was compared with, with the decision's interval, the primary"
          + " metric, the description), or with --group-by the tries, kept tries, keep rate and"
          + " best change per group.",
      "Reads .tuner/experiments.jsonl, or --log FILE (pi-autoresearch's autoresearch.jsonl reads"
          + " too). Damaged lines are reported on stderr with their line number and skipped.",
      "List options take several values, comma-separated or repeated; a try shows when it matches"
          + " any value."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the log was shown (also when no try matches)",
      "2:no log at the path, or a bad option"
    })
final class LogCommand implements Callable<Integer> {

  @Mixin Project project;

  @Option(
      names = "--log",
      paramLabel = "FILE",
      description = "The log to read (default: .tuner/experiments.jsonl next to the spec).")
  Path logFile;

  @Option(
      names = "--status",
      split = ",",
      paramLabel = "S",
      description = "Only tries with this status (keep, discard, parity_failed, …).")
  List<String> statuses;

  @Option(
      names = "--phase",
      split = ",",
      paramLabel = "P",
      description = "Only tries of this phase.")
  List<String> phases;

  @Option(
      names = "--tag",
      split = ",",
      paramLabel = "T",
      description = "Only tries carrying this tag.")
  List<String> tags;

  @Option(
      names = "--model",
      split = ",",
      paramLabel = "M",
      description = "Only tries proposed by this model.")
  List<String> models;

  @Option(
      names = "--since",
      paramLabel = "DATE",
      description =
          "Only tries logged from this date (2026-11-22,"
              + " UTC) or instant (2026-11-22T20:00:00Z) on.")
  String since;

  @Option(
      names = "--segment",
      paramLabel = "N",
      description = "Only the tries of this run of optimize (segment).")
  Integer segment;

  @Option(
      names = "--group-by",
      paramLabel = "KEY",
      description = "Group by status, phase, tag, proposer or model.")
  String groupBy;

  @ArgGroup(exclusive = true)
  Output output;

  static final class Output {
    @Option(names = "--tsv", description = "Tab-separated values with a header line.")
    boolean tsv;

    @Option(names = "--json", description = "A JSON array.")
    boolean json;
  }

  @Spec CommandSpec commandSpec;

  @ParentCommand Main main;

  @Override
  public Integer call() throws Exception {
    Filter filter =
        Filter.of(statuses, phases, tags, models, since == null ? null : Filter.parseSince(since));
    GroupBy grouping = groupBy == null ? null : GroupBy.parse(groupBy);
    Path file = ReportCommand.logFile(project, logFile);
    ReviewLog log = ReportCommand.read(file, commandSpec.commandLine().getErr());
    if (segment != null && log.segment(segment).isEmpty()) {
      throw new UsageException("--segment " + segment + ": " + file + " has no such segment");
    }
    List<Row> rows =
        log.rows().stream()
            .filter(r -> segment == null || r.experiment().segment() == segment)
            .filter(filter)
            .toList();
    LogView.Format format =
        output == null
            ? LogView.Format.TABLE
            : output.tsv ? LogView.Format.TSV : LogView.Format.JSON;
    LogView view = new LogView(log, format, ReportCommand.terminalWidth(main.env()));
    PrintWriter out = commandSpec.commandLine().getOut();
    if (grouping != null) {
      view.groups(rows, grouping, out);
    } else {
      view.tries(rows, out);
    }
    return ExitCode.OK;
  }
}

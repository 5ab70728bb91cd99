package dev.tuner.review;

import static dev.tuner.GoldenFiles.assertMatchesGolden;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code tuner log} prints for the logs under {@code src/test/resources/review/}, compared
 * whole with {@code src/test/resources/golden/log/}. Update with {@code -Dgolden.update=true} (see
 * {@link dev.tuner.GoldenFiles}).
 *
 * <p>The view is driven directly rather than through the command line, so that the width is fixed:
 * the command takes it from {@code COLUMNS} and the console. {@link Integer#MAX_VALUE} is what a
 * pipe or file gets (no cutting), 120 what a terminal that does not say its width gets. Nothing in
 * the output comes from the clock or the file's path: times are the logged timestamps.
 */
class LogViewGoldenTest {

  static final Path REVIEW = Path.of("src/test/resources/review");
  static final int PIPE = Integer.MAX_VALUE;
  static final int TERMINAL = 120;

  @TempDir Path dir;

  @Test
  void theTableOfAHandWrittenLogWithEveryField() throws Exception {
    assertMatchesGolden("log/small-table.txt", tries("small.jsonl", LogView.Format.TABLE, PIPE));
  }

  @Test
  void theTableOfARealOptimizeRun() throws Exception {
    assertMatchesGolden(
        "log/optimize-run-table.txt", tries("optimize-run.jsonl", LogView.Format.TABLE, PIPE));
  }

  @Test
  void onATerminalTheDescriptionsAreCutToItsWidth() throws Exception {
    String table = tries("optimize-run.jsonl", LogView.Format.TABLE, TERMINAL);
    assertMatchesGolden("log/optimize-run-table-120.txt", table);
    assertThat(table.lines()).allMatch(line -> line.length() <= TERMINAL);
  }

  @Test
  void theTableOfARealKnobRunHasAColumnPerKnob() throws Exception {
    assertMatchesGolden(
        "log/knob-run-table.txt", tries("knob-run.jsonl", LogView.Format.TABLE, PIPE));
  }

  @Test
  void theTableOfAPiAutoresearchLogComparesWithTheRunningBest() throws Exception {
    assertMatchesGolden(
        "log/autoresearch-table.txt", tries("autoresearch.jsonl", LogView.Format.TABLE, PIPE));
  }

  @Test
  void severalRunsOfTheLoopGetASegmentColumn() throws Exception {
    // The same run twice, as two segments: a log grows this way when optimize runs again.
    String small = Files.readString(REVIEW.resolve("small.jsonl"));
    Path two = dir.resolve("two-segments.jsonl");
    Files.writeString(two, small + small.replace("\"segment\":1", "\"segment\":2"));
    ReviewLog log = ReviewLog.read(two, new PrintWriter(new StringWriter()));
    assertMatchesGolden("log/two-segments-table.txt", tries(log, LogView.Format.TABLE, PIPE));
  }

  @Test
  void theGroupsByStatusTagAndModel() throws Exception {
    for (GroupBy by : new GroupBy[] {GroupBy.STATUS, GroupBy.TAG, GroupBy.MODEL}) {
      assertMatchesGolden(
          "log/small-by-" + by.label() + ".txt",
          groups("small.jsonl", by, LogView.Format.TABLE, PIPE));
    }
  }

  @Test
  void tsvAndJson() throws Exception {
    assertMatchesGolden("log/small.tsv", tries("small.jsonl", LogView.Format.TSV, PIPE));
    assertMatchesGolden("log/small.json", tries("small.jsonl", LogView.Format.JSON, PIPE));
    assertMatchesGolden("log/knob-run.tsv", tries("knob-run.jsonl", LogView.Format.TSV, PIPE));
    assertMatchesGolden(
        "log/small-by-status.tsv", groups("small.jsonl", GroupBy.STATUS, LogView.Format.TSV, PIPE));
    assertMatchesGolden(
        "log/small-by-status.json",
        groups("small.jsonl", GroupBy.STATUS, LogView.Format.JSON, PIPE));
  }

  /** Reads a log of {@code src/test/resources/review/}; only small.jsonl has a damaged line. */
  static ReviewLog read(String name) throws Exception {
    StringWriter warnings = new StringWriter();
    ReviewLog log = ReviewLog.read(REVIEW.resolve(name), new PrintWriter(warnings));
    if (name.equals("small.jsonl")) {
      assertThat(warnings.toString()).contains("small.jsonl:5: damaged record skipped");
    } else {
      assertThat(warnings.toString()).isEmpty();
    }
    return log;
  }

  private static String tries(String name, LogView.Format format, int width) throws Exception {
    return tries(read(name), format, width);
  }

  private static String tries(ReviewLog log, LogView.Format format, int width) throws Exception {
    StringWriter out = new StringWriter();
    new LogView(log, format, width).tries(log.rows(), new PrintWriter(out));
    return out.toString();
  }

  private static String groups(String name, GroupBy by, LogView.Format format, int width)
      throws Exception {
    ReviewLog log = read(name);
    StringWriter out = new StringWriter();
    new LogView(log, format, width).groups(log.rows(), by, new PrintWriter(out));
    return out.toString();
  }
}

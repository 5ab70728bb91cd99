package dev.tuner.review;

import static dev.tuner.GoldenFiles.assertMatchesGolden;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The summary {@code tuner report} prints, for the logs under {@code src/test/resources/review/},
 * compared whole with {@code src/test/resources/golden/report/}. Update with {@code
 * -Dgolden.update=true} (see {@link dev.tuner.GoldenFiles}).
 *
 * <p>The command prints exactly this summary for the last segment (each log here has one), then a
 * {@code wrote FILE} line per file asked for, which these tests do not ask for. The times in the
 * title are the first and last logged timestamps; nothing comes from the clock or the file's path.
 */
class SummaryGoldenTest {

  @Test
  void aHandWrittenLogWithEveryField() throws Exception {
    assertMatchesGolden("report/small.txt", summary("small.jsonl"));
  }

  @Test
  void aRealOptimizeRunWithOneKeepACrashAndTheHoldoutCheck() throws Exception {
    assertMatchesGolden("report/optimize-run.txt", summary("optimize-run.jsonl"));
  }

  @Test
  void aRealKnobRun() throws Exception {
    assertMatchesGolden("report/knob-run.txt", summary("knob-run.jsonl"));
  }

  @Test
  void aPiAutoresearchLogWithoutStatisticsOrConfig() throws Exception {
    assertMatchesGolden("report/autoresearch.txt", summary("autoresearch.jsonl"));
  }

  private static String summary(String name) throws Exception {
    ReviewLog log = LogViewGoldenTest.read(name);
    StringWriter out = new StringWriter();
    SummaryText.print(Summary.of(log.segment(null).orElseThrow()), new PrintWriter(out));
    return out.toString();
  }
}

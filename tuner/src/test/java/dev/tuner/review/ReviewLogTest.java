package dev.tuner.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReviewLogTest {

  @Test
  void chainsTheDecisionsRatiosIntoLevelsRelativeToTheBaseline() throws Exception {
    ReviewLog log =
        ReviewLog.read(
            Path.of("src/test/resources/review/small.jsonl"), new PrintWriter(new StringWriter()));
    ReviewLog.Segment s = log.segments().get(0);
    assertThat(s.relative()).isTrue();
    // baseline 100; keep at 0.8 → 80; discard at 0.98 of 80; parity_failed unmeasured; keep at 0.9
    // of 80 → 72
    assertThat(s.rows()).extracting(Row::level).containsExactly(100.0, 80.0, 78.4, null, 72.0);
    assertThat(s.rows()).extracting(Row::bestAfter).containsExactly(100.0, 80.0, 80.0, 80.0, 72.0);
  }

  @Test
  void withoutStatisticsTheLevelsAreTheLoggedMetricAndFailuresHaveNone() throws Exception {
    ReviewLog log =
        ReviewLog.read(
            Path.of("src/test/resources/review/autoresearch.jsonl"),
            new PrintWriter(new StringWriter()));
    ReviewLog.Segment s = log.segments().get(0);
    assertThat(s.relative()).isFalse();
    assertThat(s.rows()).extracting(Row::level).containsExactly(1.0, 0.95, 0.97, null);
    assertThat(s.rows()).extracting(Row::bestAfter).containsExactly(1.0, 0.95, 0.95, 0.95);
  }
}

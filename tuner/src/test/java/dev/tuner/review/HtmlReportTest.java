package dev.tuner.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.log.Asi;
import dev.tuner.log.Diff;
import dev.tuner.log.LogRecord;
import dev.tuner.log.ProposerInfo;
import dev.tuner.log.Stats;
import dev.tuner.log.Status;
import dev.tuner.log.WallTime;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

  static final String ATTACK =
      "<script>alert('x')</script><img src=x onerror=alert(1)>\"><a href=\"http://evil\">";

  static LogRecord.Experiment experiment(int run, String status, String text) {
    Map<String, Stats> stats =
        "baseline".equals(status)
            ? null
            : Map.of(
                "p95",
                new Stats(0.9, List.of(0.85, 0.95), 0.01, List.of(8, 8), "improved"),
                "p50",
                new Stats(0.95, List.of(0.9, 0.99), 0.01, List.of(8, 8), "improved"));
    return new LogRecord.Experiment(
        run,
        "c0ffee" + run,
        10.0,
        Map.of("p50_ms", 8.0, "p95_ms", 10.0),
        Status.of(status),
        text,
        "2026-11-22T10:0" + run + ":00Z",
        1,
        null,
        new Asi(text, text, text, text),
        null,
        text,
        List.of(text),
        text,
        stats,
        null,
        null,
        new ProposerInfo(text, text, 1L, 2L, 0.5),
        new Diff(List.of(text), 1, 2),
        new WallTime(1.0, 2.0, 3.0, 4.0),
        Map.of(text, text));
  }

  static ReviewLog.Segment segment(String text) {
    var config =
        new LogRecord.Config(
            1, text, "p95_ms", "ms", "lower", "h", text, "b", "main", text, "t", null);
    return ReviewLog.of(
            java.nio.file.Path.of("x.jsonl"),
            List.of(
                config,
                experiment(0, "baseline", text),
                experiment(1, "keep", text),
                experiment(2, "discard", text),
                new LogRecord.Holdout(1, "b", "c", false, List.of(text), null, text, "t")))
        .segments()
        .get(0);
  }

  @Test
  void textFromTheLogCannotInjectMarkup() throws Exception {
    ReviewLog.Segment segment = segment(ATTACK);
    byte[] chart = RunChart.of(segment, 600, 300).png();
    String html = new String(HtmlReport.render(Summary.of(segment), chart), StandardCharsets.UTF_8);
    assertThat(html)
        .doesNotContainIgnoringCase("<script")
        .doesNotContain("<img src=x")
        .doesNotContain("<a href=\"http")
        .doesNotContain("onerror=alert(1)>");
    assertThat(html)
        .contains(
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
                + "&quot;&gt;&lt;a href=&quot;http://evil&quot;&gt;");
    // The only tags are the page's own: one image (the chart), no link leaving the page.
    assertThat(Pattern.compile("<img ").matcher(html).results().count()).isEqualTo(1);
    assertThat(Pattern.compile("<a href=\"(?!#run-)").matcher(html).results().count()).isZero();
  }

  @Test
  void thePageIsSelfContained() throws Exception {
    ReviewLog.Segment segment = segment("a try");
    String html =
        new String(
            HtmlReport.render(Summary.of(segment), RunChart.of(segment, 600, 300).png()),
            StandardCharsets.UTF_8);
    assertThat(html)
        .doesNotContain("src=\"http")
        .doesNotContain("href=\"http")
        .doesNotContain("<link")
        .doesNotContain("@import")
        .doesNotContain("url(");
    assertThat(html)
        .contains("Content-Security-Policy")
        .contains("default-src 'none'")
        .contains("src=\"data:image/png;base64,");
    assertThat(html)
        .contains("<dt>hypothesis</dt><dd>a try</dd>")
        .contains("<dt>why rolled back</dt>")
        .contains("1 file +1 −2 in a try");
  }
}

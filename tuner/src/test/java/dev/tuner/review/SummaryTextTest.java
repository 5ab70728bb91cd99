package dev.tuner.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.log.LogRecord;
import dev.tuner.log.ProposerInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTextTest {

  static LogRecord.Experiment withProposer(LogRecord.Experiment e, ProposerInfo who) {
    return new LogRecord.Experiment(
        e.run(),
        e.commit(),
        e.metric(),
        e.metrics(),
        e.status(),
        e.description(),
        e.timestamp(),
        e.segment(),
        e.confidence(),
        e.asi(),
        e.parent(),
        e.phase(),
        e.tags(),
        e.expectation(),
        e.stats(),
        e.calls(),
        e.allocBytesPerOp(),
        who,
        e.diff(),
        e.wallS(),
        e.knobs());
  }

  static String print(List<LogRecord> records) {
    ReviewLog.Segment segment = ReviewLog.of(Path.of("x.jsonl"), records).segments().get(0);
    StringWriter out = new StringWriter();
    SummaryText.print(Summary.of(segment), new PrintWriter(out));
    return out.toString();
  }

  @Test
  void tokensWithoutAPriceMakeTheCostUnknownNotNone() {
    var config =
        new LogRecord.Config(
            1, "x", "p95_ms", "ms", "lower", "h", "b", "base", "main", "llm", "t", null);
    ProposerInfo unpriced = new ProposerInfo("llm", "ft:my-own", 1200L, 80L, null);
    String text =
        print(
            List.of(
                config,
                withProposer(
                    HtmlReportTest.experiment(0, "baseline", "base"), ProposerInfo.of("llm")),
                withProposer(HtmlReportTest.experiment(1, "discard", "a try"), unpriced)));
    assertThat(text)
        .contains("tokens     1,200 in, 80 out")
        .contains("cost       unknown (the model has no price; the tokens are above)");
  }

  @Test
  void aFailedHoldoutNamesTheKeptStepThatBrokeItAndTheBranchThatPasses() {
    LogRecord.Holdout h =
        new LogRecord.Holdout(
            1,
            "base",
            "c0ffee4",
            false,
            List.of("the output differs from the goldens"),
            null,
            "parity_failed",
            "t",
            new LogRecord.Step(3, "c0ffee3aaaa", "Round"),
            new LogRecord.Step(1, "c0ffee1aaaa", "Cache"),
            "tuner/t-holdout-ok");
    assertThat(SummaryText.holdout(h))
        .isEqualTo(
            "parity failed; parity FAILS; first kept step failing it: run 3 c0ffee3; branch"
                + " tuner/t-holdout-ok holds the last best passing it (run 1)");
  }
}

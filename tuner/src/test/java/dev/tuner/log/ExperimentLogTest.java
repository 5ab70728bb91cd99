package dev.tuner.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentLogTest {

  @TempDir Path dir;

  static LogRecord.Experiment experiment(int run, String status) {
    return new LogRecord.Experiment(
        run,
        "abc123" + run,
        41.5,
        Map.of("p95_ms", 41.5, "p50_ms", 30.0),
        Status.of(status),
        "try " + run,
        "2026-11-22T10:00:00Z",
        1,
        0.99,
        new Asi("h", "slower", "try x", null),
        "parent",
        "1",
        List.of("t"),
        "5% faster",
        Map.of(
            "p95",
            new Stats(0.9, java.util.Arrays.asList(0.85, null), 0.001, List.of(6, 6), "improved")),
        Map.of("reference", 20),
        1024.0,
        new ProposerInfo("patches", null, null, null, null),
        new Diff(List.of("a.java"), 3, 1),
        new WallTime(0.1, 10.0, 2.0, 30.0),
        null);
  }

  @Test
  void writesSnakeCaseFieldsAPiAutoresearchReaderUnderstands() throws Exception {
    String line = ExperimentLog.toLine(experiment(3, "keep"));
    assertThat(line)
        .startsWith("{\"type\":\"experiment\",\"run\":3,\"commit\":\"abc1233\"")
        .contains(
            "\"metric\":41.5",
            "\"status\":\"keep\"",
            "\"segment\":1",
            "\"confidence\":0.99",
            "\"asi\":{\"hypothesis\":\"h\",\"rollback_reason\":\"slower\",\"next_action_hint\":\"try x\"}",
            "\"alloc_bytes_per_op\":1024.0",
            "\"wall_s\":{",
            "\"p_value\":0.001",
            "\"ci\":[0.85,null]")
        .doesNotContain("\n");
  }

  @Test
  void roundTripsEveryRecordKind() throws Exception {
    ExperimentLog log = new ExperimentLog(dir.resolve("experiments.jsonl"));
    LogRecord.Config config =
        new LogRecord.Config(
            1,
            "n",
            "p95_ms",
            "ms",
            "lower",
            "sha",
            "tuner/x",
            "base",
            "main",
            "patches",
            "t",
            new LogRecord.Decision(
                "interleaved",
                "median-improved-tail-not-worse",
                0.03,
                "harrell-davis",
                "cpu",
                0.01,
                0.01,
                List.of(9, 16, 24),
                16));
    log.append(config);
    log.append(experiment(1, "discard"));
    log.append(new LogRecord.Holdout(1, "base", "best", true, List.of(), null, "improved", "t"));
    List<LogRecord> back = log.read(new PrintWriter(new StringWriter()));
    assertThat(back).hasSize(3);
    assertThat(back.get(0)).isEqualTo(config);
    assertThat(Files.readString(dir.resolve("experiments.jsonl")))
        .contains(
            "\"decision\":{\"design\":\"interleaved\",\"criterion\":\"median-improved-tail-not-worse\",\"tail_margin\":0.03");
    assertThat(back.get(1)).isEqualTo(experiment(1, "discard"));
    assertThat(back.get(2)).isInstanceOf(LogRecord.Holdout.class);
  }

  @Test
  void aHalfWrittenLineIsReportedWithItsNumberAndTheNextAppendStandsAlone() throws Exception {
    Path file = dir.resolve("experiments.jsonl");
    ExperimentLog log = new ExperimentLog(file);
    log.append(experiment(1, "keep"));
    Files.writeString(file, "{\"type\":\"experiment\",\"run\":2,\"sta", StandardOpenOption.APPEND);
    log.append(experiment(3, "discard"));
    StringWriter warnings = new StringWriter();
    List<LogRecord> back = log.read(new PrintWriter(warnings));
    assertThat(back).extracting(r -> ((LogRecord.Experiment) r).run()).containsExactly(1, 3);
    assertThat(warnings.toString()).contains(file + ":2: damaged record skipped");
  }

  @Test
  void readsPiAutoresearchLinesWithoutATypeField() throws Exception {
    Path file = dir.resolve("pi.jsonl");
    Files.writeString(
        file,
        "{\"run\":4,\"commit\":\"a1b2c3d\",\"metric\":0.99,\"metrics\":{\"val_loss\":0.99},"
            + "\"status\":\"keep\",\"description\":\"lr up\",\"timestamp\":\"2026-03-08T02:14:00Z\",\"segment\":0,"
            + "\"confidence\":2.1,\"asi\":{\"hypothesis\":\"faster\"},\"diff_lines\":3}\n");
    List<LogRecord> back = new ExperimentLog(file).read(new PrintWriter(new StringWriter()));
    assertThat(back)
        .singleElement()
        .isInstanceOfSatisfying(
            LogRecord.Experiment.class,
            e -> {
              assertThat(e.run()).isEqualTo(4);
              assertThat(e.metrics()).containsEntry("val_loss", 0.99);
              assertThat(e.asi().hypothesis()).isEqualTo("faster");
            });
  }
}

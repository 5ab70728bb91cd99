package dev.tuner.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.cli.Main;
import dev.tuner.harness.ExitCode;
import dev.tuner.log.ExperimentLog;
import dev.tuner.log.LogRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tuner demo --quick} end to end on this repository's committed HEAD: it builds, records
 * from the live upstream, verifies, optimizes with the demo patch queue, checks the hold-out cases,
 * writes the report and says where it is, all in its own workspace.
 */
class DemoTellsTheWholeStoryTest {

  @TempDir static Path tmp;
  static Path workspace;
  static int exitCode;
  static String out;
  static String userHead;
  static String userStatus;

  @BeforeAll
  static void runTheQuickDemo() throws Exception {
    userHead = head();
    userStatus = status();
    workspace = tmp.resolve("demo");
    StringWriter o = new StringWriter();
    exitCode =
        new Main(new PrintWriter(o), new PrintWriter(o), Map.of())
            .run(
                "demo",
                "--quick",
                "--max-experiments",
                "1",
                "--latency-ms",
                "0",
                "--dir",
                workspace.toString(),
                "--spec",
                ExampleUpstream.REPO.resolve("tuner.yaml").toString());
    out = o.toString();
  }

  @Test
  void endsByPrintingWhereTheReportIs() throws Exception {
    assertThat(exitCode).as(out).isEqualTo(ExitCode.OK);
    Path report = workspace.resolve(".tuner/report/report.html");
    assertThat(out.strip()).endsWith("report: " + report);
    assertThat(Files.readString(report))
        .contains("portfolio-scorer")
        .contains("data:image/png;base64,");
    assertThat(workspace.resolve(".tuner/report/chart.png")).isRegularFile();
  }

  @Test
  void eachStepOfTheStoryRanInOrder() {
    assertThat(out)
        .containsSubsequence(
            "== demo [1/8] workspace",
            "== demo [2/8] build",
            "== demo [3/8] live upstream",
            "recorded ai-default",
            "upstream stopped",
            "== demo [4/8] verify",
            "verify: 3 passed, 0 failed",
            "== demo [5/8] optimize, phase 1/2 (knobs)",
            "baseline",
            "hold-out:",
            "== demo [6/8] optimize, phase 2/2 (patches)",
            "baseline",
            "hold-out:",
            "== demo [7/8] report",
            "== demo [8/8] done");
  }

  @Test
  void theLogHoldsTheBaselineTheTryAndTheHoldOutCheck() throws Exception {
    List<LogRecord> records =
        new ExperimentLog(workspace.resolve(".tuner/experiments.jsonl"))
            .read(new PrintWriter(new StringWriter()));
    List<LogRecord.Experiment> tries =
        records.stream()
            .filter(r -> r instanceof LogRecord.Experiment)
            .map(r -> (LogRecord.Experiment) r)
            .toList();
    // Two phases, each a baseline and one try: the knob search's carry their knob values.
    assertThat(tries).extracting(e -> e.status().label()).filteredOn("baseline"::equals).hasSize(2);
    assertThat(tries).hasSize(4);
    assertThat(tries.get(1).knobs())
        .containsKeys("analysis.cacheSize", "segments.patternCacheSize");
    assertThat(records).filteredOn(r -> r instanceof LogRecord.Holdout).hasSize(2);
  }

  @Test
  void theUpstreamIsStoppedAfterwards() {
    Matcher listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/").matcher(out);
    assertThat(listening.find()).as(out).isTrue();
    int port = Integer.parseInt(listening.group(1));
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
  }

  @Test
  void theUsersRepositoryIsUntouched() throws Exception {
    assertThat(head()).isEqualTo(userHead);
    assertThat(status()).isEqualTo(userStatus);
    try (Git git = Git.open(workspace.toFile())) {
      assertThat(git.getRepository().getBranch())
          .isEqualTo(Git.open(ExampleUpstream.REPO.toFile()).getRepository().getBranch());
      assertThat(git.branchList().call())
          .extracting(ref -> ref.getName())
          .contains("refs/heads/tuner/demo-1-knobs", "refs/heads/tuner/demo-2-patches");
    }
  }

  @Test
  void aWorkspaceThatIsNotEmptyIsRefused() throws Exception {
    Path busy = Files.createDirectories(tmp.resolve("busy"));
    Files.writeString(busy.resolve("mine.txt"), "keep me");
    StringWriter o = new StringWriter();
    int code =
        new Main(new PrintWriter(o), new PrintWriter(o), Map.of())
            .run(
                "demo",
                "--dir",
                busy.toString(),
                "--spec",
                ExampleUpstream.REPO.resolve("tuner.yaml").toString());
    assertThat(code).isEqualTo(ExitCode.USAGE);
    assertThat(o.toString()).contains("--dir " + busy + " is not empty");
    assertThat(Files.readString(busy.resolve("mine.txt"))).isEqualTo("keep me");
  }

  static String head() throws Exception {
    try (Git git = Git.open(ExampleUpstream.REPO.toFile())) {
      return git.getRepository().resolve("HEAD").name();
    }
  }

  static String status() throws Exception {
    try (Git git = Git.open(ExampleUpstream.REPO.toFile())) {
      var s = git.status().call();
      return s.getModified() + " " + s.getAdded() + " " + s.getRemoved() + " " + s.getChanged();
    }
  }
}

package dev.tuner.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuner.ExampleClone;
import dev.tuner.TinyBench;
import dev.tuner.log.ExperimentLog;
import dev.tuner.log.LogRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent cancels its {@code evaluate} in the middle of the build (MCP's {@code
 * notifications/cancelled}, what a client sends when its user presses Esc), then sends another and
 * closes stdin while it builds: each try is logged {@code cancelled}, the branch stays on the best,
 * and the server ends by itself with a whole log and the user's branch back.
 */
class McpCancelAndCloseTest {

  @TempDir Path dir;

  @Test
  void aCancelledTryIsLoggedAndTheRepositoryIsBackOnTheBest() throws Exception {
    Path repo = ExampleClone.create(dir.resolve("repo"), TinyBench::apply);
    JsonNode cancelled;
    JsonNode status;
    int exit;
    String serverLog;
    try (RawAgent agent = new RawAgent(repo.resolve("tuner.yaml"))) {
      JsonNode started = agent.response(agent.callTool("start", Map.of("tag", "c")), minutes(10));
      assertThat(started.path("result").path("isError").asBoolean())
          .as(started + "\n" + agent.serverLog)
          .isFalse();

      int speedup = agent.callTool("evaluate", McpDrivesTheLoopTest.evaluate("01-speedup.diff"));
      agent.awaitProgress(m -> m.contains("committed"), minutes(2));
      agent.notify(
          "notifications/cancelled",
          Map.of("requestId", speedup, "reason", "the user pressed Esc"));
      cancelled = agent.response(speedup, minutes(2));
      status = agent.response(agent.callTool("status", Map.of()), minutes(1));

      // A second try, and the client goes away while it builds: closing stdin, not killing.
      agent.progress.clear();
      agent.callTool("evaluate", McpDrivesTheLoopTest.evaluate("02-noop.diff"));
      agent.awaitProgress(m -> m.contains("committed"), minutes(2));
      agent.closeInput();
      assertThat(agent.process.waitFor(2, TimeUnit.MINUTES))
          .as("the server ends by itself\n" + agent.serverLog)
          .isTrue();
      exit = agent.process.exitValue();
      serverLog = agent.serverLog.toString();
    }

    assertThat(RawAgent.data(cancelled).path("status").asText())
        .as(serverLog)
        .isEqualTo("cancelled");
    assertThat(RawAgent.data(cancelled).path("kept").asBoolean()).isFalse();
    assertThat(serverLog).contains("the client cancelled evaluate (the user pressed Esc)");
    assertThat(status.path("result").path("isError").asBoolean()).isFalse();
    assertThat(exit).as(serverLog).isZero();
    assertThat(serverLog).contains("the client closed the connection");

    StringWriter warnings = new StringWriter();
    List<LogRecord> log =
        new ExperimentLog(repo.resolve(".tuner/experiments.jsonl")).read(new PrintWriter(warnings));
    assertThat(warnings.toString()).as("no damaged line").isEmpty();
    List<LogRecord.Experiment> tries = Views.experiments(log);
    assertThat(tries)
        .extracting(e -> e.status().label())
        .containsExactly("baseline", "cancelled", "cancelled");
    assertThat(tries.get(1).asi().rollbackReason()).contains("cancelled").contains("build");
    assertThat(tries.get(1).commit()).as("what was cancelled is on record").isNotNull();
    assertThat(log).noneMatch(r -> r instanceof LogRecord.Holdout);
    try (Git git = Git.open(repo.toFile())) {
      assertThat(git.getRepository().getBranch()).isEqualTo("main");
      assertThat(git.status().call().isClean()).isTrue();
      assertThat(git.getRepository().resolve("refs/heads/tuner/c").name())
          .as("the branch stays on the best")
          .isEqualTo(tries.get(0).commit());
    }
    assertThat(
            ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(repo.toString())))
        .as("no build or benchmark left running")
        .isEmpty();
  }

  private static Duration minutes(int n) {
    return Duration.ofMinutes(n);
  }
}

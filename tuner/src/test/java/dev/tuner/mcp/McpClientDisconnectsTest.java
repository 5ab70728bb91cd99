package dev.tuner.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.ExampleClone;
import dev.tuner.TinyBench;
import dev.tuner.log.ExperimentLog;
import dev.tuner.log.LogRecord;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad proposals are logged with their status and the cost the agent reports; a client that closes
 * (the SDK's client sends its server a SIGTERM) in the middle of a try leaves it logged {@code
 * cancelled}, a whole log and a clean repository, and the next server resumes the run, whose spent
 * cost budget then refuses a further try.
 */
class McpClientDisconnectsTest {

  @TempDir Path dir;

  @Test
  void aTryUnderWayIsLoggedWholeAndTheRunResumes() throws Exception {
    Path repo = ExampleClone.create(dir.resolve("repo"), TinyBench::apply);
    Path spec = repo.resolve("tuner.yaml");
    Map<String, Object> budget = Map.of("tag", "d", "max_experiments", 3);
    AgentClient agent = new AgentClient(spec);
    McpSchema.CallToolResult notApplying;
    McpSchema.CallToolResult missingFile;
    try {
      assertThat(agent.call("start", budget).isError()).as(agent.serverLog.toString()).isFalse();
      notApplying =
          agent.call(
              "evaluate",
              Map.of(
                  "description",
                  "a stale diff",
                  "cost_usd",
                  0.3,
                  "diff",
                  "diff --git a/example/pom.xml b/example/pom.xml\n--- a/example/pom.xml\n+++"
                      + " b/example/pom.xml\n@@ -1,1 +1,1 @@\n-no such line\n+another\n"));
      missingFile =
          agent.call(
              "evaluate",
              Map.of(
                  "description",
                  "edit a file that is not there",
                  "cost_usd",
                  0.3,
                  "edits",
                  List.of(
                      Map.of(
                          "file",
                          "example/src/main/java/com/example/portfolio/Nope.java",
                          "search",
                          "x",
                          "replace",
                          "y"))));
      Map<String, Object> speedup = McpDrivesTheLoopTest.evaluate("01-speedup.diff");
      CompletableFuture<McpSchema.CallToolResult> cut =
          CompletableFuture.supplyAsync(() -> agent.call("evaluate", speedup));
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (agent.progress.stream().noneMatch(m -> m.contains("committed"))
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(cut).isNotDone();
    } finally {
      agent.close(); // mid-build: the client goes away
    }
    ProcessHandle server = serverOf(spec);
    String alive = server == null ? "gone at once" : "alive after the client closed";
    if (server != null) {
      server.onExit().get(15, TimeUnit.MINUTES);
    }

    assertThat(AgentClient.data(notApplying)).containsEntry("status", "invalid_proposal");
    assertThat(AgentClient.text(notApplying)).contains("does not apply");
    assertThat(AgentClient.data(missingFile)).containsEntry("status", "invalid_proposal");
    assertThat(AgentClient.text(missingFile)).contains("no such file");

    // The SDK's client ends its server when it closes (SIGTERM, without waiting for the try): the
    // server cancels the try under way, logs it so, and a new server resumes the run.
    StringWriter warnings = new StringWriter();
    List<LogRecord> log =
        new ExperimentLog(repo.resolve(".tuner/experiments.jsonl")).read(new PrintWriter(warnings));
    assertThat(warnings.toString()).as("no damaged line").isEmpty();
    assertThat(Views.experiments(log))
        .extracting(e -> e.status().label())
        .as("server " + alive + "\n" + agent.serverLog)
        .containsExactly("baseline", "invalid_proposal", "invalid_proposal", "cancelled");

    try (AgentClient again = new AgentClient(spec)) {
      McpSchema.CallToolResult resumed =
          again.call("start", Map.of("resume", true, "max_cost_usd", 0.5));
      assertThat(resumed.isError()).as(AgentClient.text(resumed)).isFalse();
      assertThat(AgentClient.text(resumed))
          .contains("ended at once: budget: cost $0.60 reached the cap of $0.50");
      McpSchema.CallToolResult refused =
          again.call("evaluate", McpDrivesTheLoopTest.evaluate("02-noop.diff"));
      assertThat(refused.isError()).isTrue();
      assertThat(AgentClient.text(refused))
          .contains("the run has ended (stopped: budget: cost $0.60 reached the cap of $0.50)");
      McpSchema.CallToolResult stopped = again.call("stop", Map.of());
      assertThat(AgentClient.data(stopped)).as(AgentClient.text(stopped)).containsKey("holdout");
    }
    List<LogRecord.Experiment> tries =
        Views.experiments(
            new ExperimentLog(repo.resolve(".tuner/experiments.jsonl"))
                .read(new PrintWriter(new StringWriter())));
    assertThat(tries).hasSize(4);
    try (Git git = Git.open(repo.toFile())) {
      assertThat(git.getRepository().getBranch()).isEqualTo("main");
      assertThat(git.status().call().isClean()).isTrue();
      assertThat(git.getRepository().resolve("refs/heads/tuner/d").name())
          .as("the half-made try is gone from the branch")
          .isEqualTo(tries.get(0).commit());
    }
  }

  /** The {@code tuner mcp} process serving {@code spec}, when it is still running. */
  private static ProcessHandle serverOf(Path spec) {
    return ProcessHandle.current()
        .descendants()
        .filter(
            p ->
                p.info()
                    .commandLine()
                    .map(c -> c.contains(" mcp ") && c.contains(spec.toString()))
                    .orElse(false))
        .findFirst()
        .orElse(null);
  }
}

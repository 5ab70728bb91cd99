package dev.tuner.mcp;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Bad proposals are logged with their status; a client that goes away in the middle of a try leaves
 * a whole log and a clean repository, and the next server resumes the run, whose spent budget then
 * refuses a further try.
 */
class McpClientDisconnectsTest {

  @TempDir Path dir;

  @Test
  void aTryUnderWayIsLoggedWholeAndTheRunResumes() throws Exception {
    Path repo = McpDrivesTheLoopTest.clone(dir.resolve("repo"));
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
                  "diff",
                  "diff --git a/example/pom.xml b/example/pom.xml\n--- a/example/pom.xml\n+++"
                      + " b/example/pom.xml\n@@ -1,1 +1,1 @@\n-no such line\n+another\n"));
      missingFile =
          agent.call(
              "evaluate",
              Map.of(
                  "description",
                  "edit a file that is not there",
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
    if (server != null) {
      server.onExit().get(15, TimeUnit.MINUTES);
    }

    assertThat(AgentClient.data(notApplying)).containsEntry("status", "invalid_proposal");
    assertThat(AgentClient.text(notApplying)).contains("does not apply");
    assertThat(AgentClient.data(missingFile)).containsEntry("status", "invalid_proposal");
    assertThat(AgentClient.text(missingFile)).contains("no such file");

    StringWriter warnings = new StringWriter();
    List<LogRecord> log =
        new ExperimentLog(repo.resolve(".tuner/experiments.jsonl")).read(new PrintWriter(warnings));
    assertThat(warnings.toString()).as("no damaged line").isEmpty();
    List<LogRecord.Experiment> tries = Views.experiments(log);
    assertThat(tries)
        .extracting(e -> e.status().label())
        .as("the try under way is finished and logged")
        .containsExactly("baseline", "invalid_proposal", "invalid_proposal", "keep");
    assertThat(log).noneMatch(r -> r instanceof LogRecord.Holdout);
    try (Git git = Git.open(repo.toFile())) {
      assertThat(git.getRepository().getBranch()).isEqualTo("main");
      assertThat(git.status().call().isClean()).isTrue();
      assertThat(git.getRepository().resolve("refs/heads/tuner/d").name())
          .isEqualTo(tries.get(3).commit());
    }

    try (AgentClient again = new AgentClient(spec)) {
      McpSchema.CallToolResult resumed =
          again.call("start", Map.of("resume", true, "max_experiments", 3));
      assertThat(resumed.isError()).as(AgentClient.text(resumed)).isFalse();
      assertThat(AgentClient.text(resumed)).contains("ended at once: budget: 3 experiments done");
      McpSchema.CallToolResult refused =
          again.call("evaluate", McpDrivesTheLoopTest.evaluate("02-noop.diff"));
      assertThat(refused.isError()).isTrue();
      assertThat(AgentClient.text(refused))
          .contains("the run has ended (stopped: budget: 3 experiments done)");
      McpSchema.CallToolResult stopped = again.call("stop", Map.of());
      assertThat(AgentClient.data(stopped)).containsKey("holdout");
    }
    assertThat(
            Views.experiments(
                new ExperimentLog(repo.resolve(".tuner/experiments.jsonl"))
                    .read(new PrintWriter(new StringWriter()))))
        .hasSize(4);
  }

  /** The {@code tuner mcp} process serving {@code spec}, when it is still running. */
  private static ProcessHandle serverOf(Path spec) {
    return ProcessHandle.current()
        .descendants()
        .filter(
            p ->
                p.info()
                    .arguments()
                    .map(a -> List.of(a).contains("mcp") && List.of(a).contains(spec.toString()))
                    .orElse(false))
        .findFirst()
        .orElse(null);
  }
}

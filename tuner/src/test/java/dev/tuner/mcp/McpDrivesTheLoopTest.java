package dev.tuner.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.ExampleClone;
import dev.tuner.PatchQueueRun;
import dev.tuner.cli.Main;
import dev.tuner.harness.ExitCode;
import dev.tuner.log.ExperimentLog;
import dev.tuner.log.LogRecord;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent drives {@code tuner mcp} over stdio on a clone of the example with four patches of the
 * queue {@code optimize --proposer patches} takes in another clone ({@link PatchQueueRun}): a
 * speedup, a no-op, a parity breaker and an out-of-scope edit. The log and the branch come out as
 * the queue's run has them for the same patches, the proposer being the MCP client; bad calls are
 * refused with a reason and change nothing.
 */
class McpDrivesTheLoopTest {

  static final Path QUEUE = PatchQueueRun.QUEUE;
  static final List<String> PATCHES =
      List.of("01-speedup.diff", "02-noop.diff", "04-output-change.diff", "06-out-of-scope.diff");

  @TempDir static Path dir;
  static Path viaMcp;
  static Path viaOptimize;
  static final Map<String, McpSchema.CallToolResult> calls = new java.util.LinkedHashMap<>();
  static McpSchema.CallToolResult secondEvaluate;
  static McpSchema.CallToolResult statusDuringEvaluate;
  static List<String> progress;
  static String serverLog;

  @BeforeAll
  static void driveTheSameQueueThroughMcpAndThroughOptimize() throws Exception {
    viaMcp = ExampleClone.create(dir.resolve("mcp"), PatchQueueRun::spec); // the same tree
    PatchQueueRun optimize = PatchQueueRun.get();
    assertThat(optimize.exitCode()).as(optimize.out()).isEqualTo(ExitCode.OK);
    viaOptimize = optimize.repo();
    try (AgentClient agent = new AgentClient(viaMcp.resolve("tuner.yaml"))) {
      try {
        calls.put("unknown-before-start", agent.call("start", Map.of("tga", "t")));
        calls.put("evaluate-before-start", agent.call("evaluate", evaluate("01-speedup.diff")));
        calls.put("start", agent.call("start", Map.of("tag", "t")));
        calls.put("status", agent.call("status", Map.of()));
        calls.put("oversized", agent.call("evaluate", oversized()));
        calls.put(
            "both",
            agent.call(
                "evaluate",
                Map.of(
                    "description", "x",
                    "diff", "d",
                    "edits", List.of(Map.of("file", "a", "replace", "b")))));
        // The speedup, with a second evaluate and a status sent while it runs.
        Map<String, Object> speedup = evaluate("01-speedup.diff");
        CompletableFuture<McpSchema.CallToolResult> first =
            CompletableFuture.supplyAsync(() -> agent.call("evaluate", speedup));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (agent.progress.stream().noneMatch(m -> m.contains("committed"))
            && System.nanoTime() < deadline
            && !first.isDone()) {
          Thread.sleep(200);
        }
        secondEvaluate = agent.call("evaluate", evaluate("02-noop.diff"));
        statusDuringEvaluate = agent.call("status", Map.of());
        calls.put("speedup", first.get());
        calls.put("noop", agent.call("evaluate", evaluate("02-noop.diff")));
        calls.put("parity", agent.call("evaluate", evaluate("04-output-change.diff")));
        calls.put("scope", agent.call("evaluate", evaluate("06-out-of-scope.diff")));
        calls.put("log", agent.call("log", Map.of()));
        calls.put("add_idea", agent.call("add_idea", Map.of("idea", "batch the reference calls")));
        calls.put("stop", agent.call("stop", Map.of()));
        calls.put("report", agent.call("report", Map.of()));
      } finally {
        progress = List.copyOf(agent.progress);
        serverLog = agent.serverLog.toString();
      }
    }
  }

  /** {@code evaluate}'s arguments for a patch of the queue: its diff and its subject. */
  static Map<String, Object> evaluate(String patch) throws Exception {
    String diff = Files.readString(QUEUE.resolve(patch));
    String subject =
        diff.lines()
            .filter(l -> l.startsWith("Subject:"))
            .findFirst()
            .orElseThrow()
            .substring("Subject:".length())
            .strip();
    return Map.of(
        "description", subject, "diff", diff, "hypothesis", "from " + patch, "model", "test");
  }

  static Map<String, Object> oversized() {
    return Map.of(
        "description",
        "a huge change",
        "edits",
        List.of(
            Map.of(
                "file",
                "example/src/main/java/com/example/portfolio/Big.java",
                "search",
                "",
                "replace",
                "x".repeat(Submission.MAX_BYTES + 1))));
  }

  @Test
  void theLogHoldsWhatOptimizeWithThePatchQueueLogs() throws Exception {
    List<LogRecord.Experiment> mcp = experiments(viaMcp);
    List<LogRecord.Experiment> patches = sameTries(experiments(viaOptimize));
    assertThat(mcp)
        .extracting(e -> e.status().label())
        .as(serverLog)
        .containsExactly("baseline", "keep", "discard", "parity_failed", "scope_violation");
    assertThat(mcp)
        .extracting(e -> e.status().label())
        .isEqualTo(patches.stream().map(e -> e.status().label()).toList());
    assertThat(mcp)
        .extracting(LogRecord.Experiment::description)
        .isEqualTo(patches.stream().map(LogRecord.Experiment::description).toList());
    assertThat(mcp)
        .extracting(LogRecord.Experiment::diff)
        .isEqualTo(patches.stream().map(LogRecord.Experiment::diff).toList());
    assertThat(trees(viaMcp, mcp)).isEqualTo(trees(viaOptimize, patches));
  }

  @Test
  void theBranchHasTheSameShape() throws Exception {
    assertThat(branchTrees(viaMcp, "t"))
        .isEqualTo(branchTrees(viaOptimize, PatchQueueRun.TAG))
        .hasSize(2);
    try (Git git = Git.open(viaMcp.toFile())) {
      assertThat(git.getRepository().getBranch()).isEqualTo("main");
      assertThat(git.status().call().isClean()).isTrue();
    }
  }

  @Test
  void theProposerIsTheMcpClient() throws Exception {
    for (LogRecord.Experiment e : experiments(viaMcp).subList(1, 5)) {
      assertThat(e.proposer().kind()).isEqualTo("mcp");
      assertThat(e.proposer().client()).isEqualTo(AgentClient.NAME + " " + AgentClient.VERSION);
      assertThat(e.proposer().model()).isEqualTo("test");
    }
    List<LogRecord> all =
        new ExperimentLog(viaMcp.resolve(".tuner/experiments.jsonl"))
            .read(new PrintWriter(new StringWriter()));
    assertThat(all.get(0)).isInstanceOf(LogRecord.Config.class);
    assertThat(((LogRecord.Config) all.get(0)).proposer()).isEqualTo("mcp");
    assertThat(all.get(all.size() - 1)).isInstanceOf(LogRecord.Holdout.class);
  }

  @Test
  void evaluateAnswersWithTheDecision() {
    McpSchema.CallToolResult keep = calls.get("speedup");
    assertThat(keep.isError()).as(AgentClient.text(keep)).isFalse();
    Map<String, Object> data = AgentClient.data(keep);
    assertThat(data).containsEntry("status", "keep").containsEntry("kept", true);
    assertThat(data.get("best")).isEqualTo(data.get("commit"));
    assertThat(AgentClient.text(keep)).startsWith("keep").contains("p95 x");
    assertThat(AgentClient.data(calls.get("noop"))).containsEntry("status", "discard");
    assertThat(AgentClient.text(calls.get("parity"))).startsWith("parity_failed").contains("why:");
    assertThat(AgentClient.data(calls.get("scope"))).containsEntry("status", "scope_violation");
  }

  @Test
  void aLongEvaluateReportsItsStages() {
    assertThat(progress).anyMatch(m -> m.matches("\\[\\d+ s\\] committed: .*"));
    assertThat(progress).anyMatch(m -> m.matches("\\[\\d+ s\\] build .*"));
    assertThat(progress).anyMatch(m -> m.matches("\\[\\d+ s\\] bench .*"));
  }

  @Test
  void oneEvaluateAtATimeWhileStatusStillAnswers() {
    assertThat(secondEvaluate.isError()).isTrue();
    assertThat(AgentClient.text(secondEvaluate)).contains("evaluate is under way");
    assertThat(statusDuringEvaluate.isError()).as(AgentClient.text(statusDuringEvaluate)).isFalse();
  }

  @Test
  void badCallsAreRefusedWithAReason() {
    assertThat(AgentClient.text(calls.get("unknown-before-start")))
        .contains("start: unknown argument(s) [tga]");
    assertThat(AgentClient.text(calls.get("evaluate-before-start")))
        .contains("no run is open: call start first");
    assertThat(AgentClient.text(calls.get("oversized"))).contains("over the limit");
    assertThat(AgentClient.text(calls.get("both"))).contains("either diff");
    for (String bad :
        List.of("unknown-before-start", "evaluate-before-start", "oversized", "both")) {
      assertThat(calls.get(bad).isError()).as(bad).isTrue();
    }
  }

  @Test
  void statusLogReportAndStopAnswerAsData() {
    Map<String, Object> status = AgentClient.data(calls.get("status"));
    assertThat(status).containsKeys("objective", "metric", "scope", "best", "budget", "last_tries");
    assertThat(status.get("metric").toString())
        .contains(
            "kept only if p50 improves by more than 1.0% and p95 gets no more than 3.0% slower"
                + " against the best, each proven at alpha 0.01");
    assertThat(AgentClient.data(calls.get("log")).get("tries")).asList().hasSize(5);
    assertThat(AgentClient.data(calls.get("stop")))
        .containsEntry("stop_reason", "stopped by the agent (tuner-acceptance 1.0)")
        .containsKey("holdout");
    assertThat(AgentClient.text(calls.get("report"))).isNotBlank();
    assertThat(calls.get("add_idea").isError()).isFalse();
  }

  @Test
  void tunerLogAndReportReadTheRun() {
    StringWriter out = new StringWriter();
    Main main = new Main(new PrintWriter(out), new PrintWriter(out), Map.of());
    assertThat(
            main.run(
                "log", "--spec", viaMcp.resolve("tuner.yaml").toString(), "--group-by", "proposer"))
        .as(out.toString())
        .isEqualTo(ExitCode.OK);
    assertThat(out.toString()).contains("mcp");
    StringWriter report = new StringWriter();
    assertThat(
            new Main(new PrintWriter(report), new PrintWriter(report), Map.of())
                .run("report", "--spec", viaMcp.resolve("tuner.yaml").toString()))
        .as(report.toString())
        .isEqualTo(ExitCode.OK);
  }

  static List<LogRecord.Experiment> experiments(Path repo) throws Exception {
    return new ExperimentLog(repo.resolve(".tuner/experiments.jsonl"))
        .read(new PrintWriter(new StringWriter())).stream()
            .filter(r -> r instanceof LogRecord.Experiment)
            .map(r -> (LogRecord.Experiment) r)
            .toList();
  }

  /** Each try's tree: what it changed, whatever the commit's time and trailers. */
  static List<String> trees(Path repo, List<LogRecord.Experiment> tries) throws Exception {
    List<String> out = new ArrayList<>();
    try (Git git = Git.open(repo.toFile());
        RevWalk walk = new RevWalk(git.getRepository())) {
      for (LogRecord.Experiment e : tries) {
        out.add(
            e.commit() == null
                ? null
                : walk.parseCommit(ObjectId.fromString(e.commit())).getTree().name());
      }
    }
    return out;
  }

  /**
   * The baseline and the tries of the whole queue's run that the agent sent too: each was tried on
   * the same best, the queue's others having been discarded.
   */
  static List<LogRecord.Experiment> sameTries(List<LogRecord.Experiment> wholeQueue)
      throws Exception {
    List<Object> subjects = new ArrayList<>();
    for (String p : PATCHES) {
      subjects.add(evaluate(p).get("description"));
    }
    return wholeQueue.stream()
        .filter(e -> e.status().label().equals("baseline") || subjects.contains(e.description()))
        .toList();
  }

  /** The trees along tuner/{@code tag}'s first parents, down to the user's head. */
  static List<String> branchTrees(Path repo, String tag) throws Exception {
    List<String> out = new ArrayList<>();
    try (Git git = Git.open(repo.toFile())) {
      Repository r = git.getRepository();
      ObjectId main = r.resolve("refs/heads/main");
      for (RevCommit c : git.log().add(r.resolve("refs/heads/tuner/" + tag)).call()) {
        out.add(c.getTree().name());
        if (c.getId().equals(main)) {
          break;
        }
      }
    }
    return out;
  }
}

package dev.tuner.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.PatchQueueRun;
import dev.tuner.harness.ExitCode;
import dev.tuner.log.ExperimentLog;
import dev.tuner.log.LogRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code tuner optimize --proposer patches} on a clone of the example, with a queue holding one
 * change of every kind the loop must tell apart: only the real speedup may be kept ({@link
 * PatchQueueRun}).
 */
class OptimizeWithPatchQueueTest {

  static Path repo;
  static String userHead;
  static int exitCode;
  static String out;
  static List<LogRecord.Experiment> experiments;
  static LogRecord.Holdout holdout;
  static LogRecord.Config config;

  @BeforeAll
  static void optimizeTheExampleWithTheTestQueue() throws Exception {
    PatchQueueRun run = PatchQueueRun.get();
    repo = run.repo();
    userHead = run.userHead();
    exitCode = run.exitCode();
    out = run.out();
    List<LogRecord> records =
        new ExperimentLog(repo.resolve(".tuner/experiments.jsonl"))
            .read(new PrintWriter(new StringWriter()));
    experiments =
        records.stream()
            .filter(r -> r instanceof LogRecord.Experiment)
            .map(r -> (LogRecord.Experiment) r)
            .toList();
    config = (LogRecord.Config) records.get(0);
    holdout =
        records.stream()
            .filter(r -> r instanceof LogRecord.Holdout)
            .map(r -> (LogRecord.Holdout) r)
            .findFirst()
            .orElse(null);
  }

  @Test
  void everyKindOfChangeGetsItsStatus() {
    assertThat(exitCode).as(out).isEqualTo(ExitCode.OK);
    assertThat(experiments)
        .extracting(e -> e.status().label())
        .as(out)
        .containsExactly(
            "baseline",
            "keep",
            "discard",
            "discard",
            "parity_failed",
            "calls_changed",
            "scope_violation",
            "scope_violation",
            "build_failed",
            "timeout");
    assertThat(out).contains("stopped: the patches proposer has nothing more to propose");
  }

  @Test
  void forAProposerThatReadsNoPromptOnlyTheStartAndTheFinalBestAreProfiled() throws Exception {
    try (Stream<Path> profiles = Files.list(repo.resolve(".tuner/profiles"))) {
      assertThat(profiles.map(p -> p.getFileName().toString()))
          .as(out)
          .containsExactlyInAnyOrder(experiments.get(0).commit(), experiments.get(1).commit());
    }
    // The start's profile is the first try's first stage; no try after the kept one waited for one.
    assertThat(experiments.get(1).wallS().profile()).isNotNull();
    assertThat(experiments.subList(2, experiments.size()))
        .allSatisfy(e -> assertThat(e.wallS().profile()).as(e.description()).isNull());
  }

  @Test
  void theLogSaysWhatEachDecisionRead() {
    assertThat(config.decision())
        .isEqualTo(
            new LogRecord.Decision(
                "interleaved",
                "median-improved-tail-not-worse",
                0.03,
                "order-statistic",
                "cpu",
                0.01,
                0.01,
                List.of(8),
                16));
    LogRecord.Experiment kept = experiments.get(1);
    assertThat(kept.stats()).containsKeys("p50", "p95");
    assertThat(kept.stats().get("p50").ci()).hasSize(2);
    assertThat(kept.stats().get("p50").forks()).allSatisfy(n -> assertThat(n).isBetween(1, 8));
  }

  @Test
  void eachFailureSaysWhyForTheNextProposal() {
    for (LogRecord.Experiment e : experiments.subList(2, experiments.size())) {
      assertThat(e.asi()).as("run " + e.run()).isNotNull();
      assertThat(e.asi().rollbackReason()).as("run " + e.run()).isNotBlank();
      assertThat(e.asi().nextActionHint()).as("run " + e.run()).isNotBlank();
    }
    assertThat(experiments.get(8).asi().error()).as("compiler output").contains("ERROR");
    assertThat(experiments.get(4).asi().error()).as("parity diff").contains("expected");
  }

  @Test
  void theBranchHoldsTheBaselineAndTheKeptCommitOnly() throws Exception {
    try (Git git = Git.open(repo.toFile())) {
      var branch = git.getRepository().resolve("refs/heads/tuner/" + PatchQueueRun.TAG);
      List<RevCommit> log = new java.util.ArrayList<>();
      git.log().add(branch).setMaxCount(3).call().forEach(log::add);
      assertThat(log.get(0).getName()).isEqualTo(experiments.get(1).commit());
      assertThat(log.get(0).getFullMessage()).contains("Tuner-Status: keep");
      assertThat(log.get(1).getName()).isEqualTo(userHead);
    }
  }

  @Test
  void theUsersBranchAndFilesAreUntouched() throws Exception {
    try (Git git = Git.open(repo.toFile())) {
      assertThat(git.getRepository().getBranch()).isEqualTo("main");
      assertThat(git.getRepository().resolve("refs/heads/main").name()).isEqualTo(userHead);
      assertThat(git.status().call().isClean()).isTrue();
    }
    assertThat(Files.readString(repo.resolve("goldens/ai-default.json")))
        .isEqualTo(Files.readString(ExampleUpstream.REPO.resolve("goldens/ai-default.json")));
  }

  @Test
  void theHoldOutCasesAreCheckedAtTheEnd() {
    assertThat(holdout).as(out).isNotNull();
    assertThat(holdout.parity()).isTrue();
    assertThat(holdout.best()).isEqualTo(experiments.get(1).commit());
  }

  @Test
  void resultsTsvMirrorsTheLog() throws Exception {
    List<String> lines = Files.readAllLines(repo.resolve(".tuner/results.tsv"));
    assertThat(lines.get(0)).isEqualTo("commit\tmetric\tp50\tstatus\tdescription");
    assertThat(lines).hasSize(experiments.size() + 1);
    assertThat(lines.get(2)).contains("\tkeep\t");
  }
}

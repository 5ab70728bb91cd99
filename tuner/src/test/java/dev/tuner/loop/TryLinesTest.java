package dev.tuner.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.bench.BenchStage;
import dev.tuner.log.Asi;
import dev.tuner.log.LogRecord;
import dev.tuner.log.ProposerInfo;
import dev.tuner.log.Stats;
import dev.tuner.log.Status;
import dev.tuner.log.WallTime;
import dev.tuner.propose.Proposal;
import dev.tuner.record.Trial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the terminal says about one try, against what the log and the branch hold. */
class TryLinesTest {

  @TempDir Path dir;
  LoopRepo r;

  @BeforeEach
  void aRun() throws Exception {
    r = new LoopRepo(dir);
  }

  @AfterEach
  void close() {
    r.close();
  }

  static Proposal fromQueue(Proposal p, String file) {
    return p.withSource(file);
  }

  @Test
  void anInvalidProposalNamesThePatchAndTheReason() throws Exception {
    Proposal p =
        Proposal.invalid(
                "Cache the parser",
                "04-cache.diff does not apply on the current best: Cannot apply: hunk 3\nmore",
                ProposerInfo.of("patches"),
                null)
            .withSource("04-cache.diff");
    Trial t = r.experiment().evaluate(1, p, Duration.ZERO, r.against());
    assertThat(t.status()).isEqualTo(Status.INVALID_PROPOSAL);
    assertThat(r.printed())
        .contains(
            "  invalid_proposal 04-cache.diff does not apply on the current best: Cannot apply:"
                + " hunk 3\n");
  }

  @Test
  void aScopeViolationNamesThePatchAndTheFiles() throws Exception {
    Files.writeString(dir.resolve("README.md"), "changed\n");
    Proposal p =
        Proposal.changed("Tidy the readme", "h", ProposerInfo.of("patches"), null)
            .withSource("06-out-of-scope.diff");
    Trial t = r.experiment().evaluate(1, p, Duration.ZERO, r.against());
    assertThat(t.status()).isEqualTo(Status.SCOPE_VIOLATION);
    assertThat(r.printed())
        .contains(
            "  scope_violation 06-out-of-scope.diff: changed files outside the scope: README.md\n");
  }

  @Test
  void withoutASourceTheDescriptionNamesTheProposal() throws Exception {
    Files.writeString(dir.resolve("README.md"), "changed\n");
    Proposal p = Proposal.changed("Tidy the readme", "h", ProposerInfo.of("llm"), null);
    r.experiment().evaluate(1, p, Duration.ZERO, r.against());
    assertThat(r.printed())
        .contains("  scope_violation Tidy the readme: changed files outside the scope: README.md");
  }

  @Test
  void theCommitPrintedForATryNotKeptIsTheOneLoggedAndReferenced() throws Exception {
    Files.writeString(dir.resolve("src/A.java"), "class A { int v = 2; }\n");
    Proposal p = Proposal.changed("Two", "h", ProposerInfo.of("patches"), null);
    Trial t = r.experiment().evaluate(1, p, Duration.ZERO, r.against());
    assertThat(t.status()).as(r.printed()).isEqualTo(Status.BUILD_FAILED);
    LogRecord.Experiment logged =
        r.optimizer(LoopRepo.silent()).record(r.state, t, r.recorder, r.repo);

    assertThat(logged.commit()).as("amended with its result").isNotEqualTo(t.commit());
    assertThat(r.experiments().get(0).commit()).isEqualTo(logged.commit());
    assertThat(r.repo.resolve("refs/tuner/t/tries/1")).isEqualTo(logged.commit());
    assertThat(r.printed())
        .contains(
            "  = build_failed "
                + logged.commit().substring(0, 8)
                + " (refs/tuner/t/tries/1) · best ")
        .as("the commit before its message was amended is never shown")
        .doesNotContain(t.commit().substring(0, 8));
  }

  @Test
  void theCommitPrintedForAKeepIsTheOneLoggedAndOnTheBranch() throws Exception {
    Files.writeString(dir.resolve("src/A.java"), "class A { int v = 3; }\n");
    String commit = r.repo.commitAll("Three");
    Map<String, Stats> stats =
        Map.of(
            "p50", new Stats(0.8, List.of(0.7, 0.9), 0.001, List.of(9, 9), "improved"),
            "p95", new Stats(0.8, List.of(0.7, 0.9), 0.001, List.of(9, 9), "improved"));
    BenchStage.Measurement numbers =
        new BenchStage.Measurement(Map.of("p50_ms", 8.0, "p95_ms", 10.0), 100, Map.of());
    Trial kept =
        new Trial(
            1,
            r.state.best,
            "default",
            Proposal.changed("Three", "h", ProposerInfo.of("patches"), null),
            commit,
            r.repo.diffStats(r.state.best, commit),
            Status.KEEP,
            Asi.of("h"),
            new BenchStage.Decision(true, "faster", numbers, stats, 0.999),
            new WallTime(0.0, 1.0, 1.0, 1.0));
    LogRecord.Experiment logged =
        r.optimizer(LoopRepo.silent()).record(r.state, kept, r.recorder, r.repo);

    assertThat(r.repo.resolve("refs/heads/tuner/t")).isEqualTo(logged.commit());
    assertThat(r.state.best).isEqualTo(logged.commit());
    String sha = logged.commit().substring(0, 8);
    assertThat(r.printed()).contains("  = keep " + sha + " · best " + sha + ", p95 -20.0%");
  }
}

package dev.tuner.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tuner.bench.BenchStage;
import dev.tuner.harness.ExitCode;
import dev.tuner.log.LogRecord;
import dev.tuner.log.Stats;
import dev.tuner.log.Status;
import dev.tuner.log.Stop;
import dev.tuner.parity.ParityStage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hold-out check at the end of a run, with its stages replaced by fakes. */
class HoldoutTest {

  @TempDir Path dir;
  LoopRepo r;

  /** Commits whose artifact fails the hold-out cases, and what was asked of the checks. */
  final Set<String> failing = new java.util.HashSet<>();

  final List<String> replayed = new ArrayList<>();
  final List<String> compared = new ArrayList<>();
  BenchStage.Decision decision;

  final Holdout.Checks checks =
      new Holdout.Checks() {
        @Override
        public ParityStage.Result parity(String label, String commit, List<String> cases) {
          replayed.add(commit);
          return new ParityStage.Result(
              Duration.ofSeconds(1),
              failing.contains(commit)
                  ? new Stop(
                      Status.PARITY_FAILED,
                      "the output differs from the goldens",
                      "keep results byte-identical",
                      "h1: $.total: expected \u001B[32m10\u001B[0m, got \u001B[31m11\u001B[0m")
                  : null);
        }

        @Override
        public BenchStage.Decision compare(String base, String best, List<String> cases) {
          compared.add(best);
          return decision;
        }
      };

  @BeforeEach
  void aRun() throws Exception {
    r = new LoopRepo(dir);
  }

  @AfterEach
  void close() {
    r.close();
  }

  /** Commits a change and puts it in the run's history as a kept step, the new best. */
  String keep(int run, String description) throws Exception {
    Files.writeString(dir.resolve("src/A.java"), "class A { int v = " + run + "; }\n");
    String commit = r.repo.commitAll(description);
    r.state.history.add(
        new LogRecord.Experiment(
            run,
            commit,
            10.0,
            Map.of(),
            Status.KEEP,
            description,
            "t",
            1,
            null,
            null,
            r.state.best,
            "default",
            List.of(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null));
    r.state.best = commit;
    return commit;
  }

  void discard(int run) {
    r.state.history.add(
        new LogRecord.Experiment(
            run,
            "dead" + run,
            10.0,
            Map.of(),
            Status.DISCARD,
            "discarded " + run,
            "t",
            1,
            null,
            null,
            r.state.best,
            "default",
            List.of(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null));
  }

  Holdout holdout() {
    return new Holdout(checks, r.repo, r.recorder, r.console, "t");
  }

  LogRecord.Holdout logged() throws Exception {
    return r.log.read(new PrintWriter(new StringWriter())).stream()
        .filter(x -> x instanceof LogRecord.Holdout)
        .map(x -> (LogRecord.Holdout) x)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void anOverfitNamesTheKeptStepThatBrokeTheHoldoutAndLeavesABranchAtTheLastGoodBest()
      throws Exception {
    String one = keep(1, "Cache the parser");
    discard(2);
    String three = keep(3, "Round to 5 decimals");
    String four = keep(4, "Skip the empty themes");
    failing.addAll(List.of(three, four));

    HoldoutFailedException e =
        catchThrowableOfType(HoldoutFailedException.class, () -> holdout().check(r.state));

    assertThat(e.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(e.getMessage())
        .isEqualTo(
            "the best fails parity on the hold-out cases (h1, h2): the output differs from the"
                + " goldens; kept step run 3 ("
                + three.substring(0, 8)
                + " \"Round to 5 decimals\") is the first that fails them; branch"
                + " tuner/t-holdout-ok holds the last best that passes them, run 1 ("
                + one.substring(0, 8)
                + " \"Cache the parser\")");
    assertThat(replayed)
        .as("the best, then the start and each kept step before it, in order; never the best twice")
        .containsExactly(four, r.state.base, one, three);
    assertThat(compared).as("no benchmark").isEmpty();
    assertThat(r.repo.resolve("refs/heads/tuner/t-holdout-ok")).isEqualTo(one);
    assertThat(r.repo.resolve("refs/heads/tuner/t")).as("the run's branch").isEqualTo(four);

    LogRecord.Holdout h = logged();
    assertThat(h.parity()).isFalse();
    assertThat(h.verdict()).isEqualTo("parity_failed");
    assertThat(h.brokenBy()).isEqualTo(new LogRecord.Step(3, three, "Round to 5 decimals"));
    assertThat(h.lastPassing()).isEqualTo(new LogRecord.Step(1, one, "Cache the parser"));
    assertThat(h.passingBranch()).isEqualTo("tuner/t-holdout-ok");
    assertThat(h.failures())
        .containsExactly("the output differs from the goldens", "h1: $.total: expected 10, got 11");

    assertThat(r.printed())
        .contains(
            "hold-out: parity FAILS on the hold-out cases (h1, h2): parity_failed, the output"
                + " differs from the goldens\n    h1: $.total: expected",
            "hold-out: replaying the hold-out cases on the start and the 3 kept steps in order"
                + " (parity only, no benchmark)\n",
            "  start " + r.state.base.substring(0, 8) + ": parity holds\n",
            "  run 1 " + one.substring(0, 8) + " Cache the parser: parity holds\n",
            "  run 3 " + three.substring(0, 8) + " Round to 5 decimals: parity FAILS\n",
            "hold-out: " + e.getMessage());
  }

  @Test
  void whenTheBestIsTheCulpritTheBestIsNotReplayedAgain() throws Exception {
    String one = keep(1, "Cache the parser");
    String two = keep(2, "Overfit");
    failing.add(two);
    HoldoutFailedException e =
        catchThrowableOfType(HoldoutFailedException.class, () -> holdout().check(r.state));
    assertThat(replayed).containsExactly(two, r.state.base, one);
    assertThat(e.getMessage()).contains("kept step run 2 (").contains("run 1 (");
    assertThat(r.printed())
        .contains(
            "  run 2 " + two.substring(0, 8) + " Overfit: parity FAILS (the best, checked above)");
    assertThat(r.repo.resolve("refs/heads/tuner/t-holdout-ok")).isEqualTo(one);
  }

  @Test
  void whenTheStartFailsTooNoKeptStepIsBlamedAndNoBranchIsLeft() throws Exception {
    String one = keep(1, "Cache the parser");
    failing.addAll(List.of(one, r.state.base));
    HoldoutFailedException e =
        catchThrowableOfType(HoldoutFailedException.class, () -> holdout().check(r.state));
    assertThat(e.getMessage()).contains("the start fails them too").contains("verify --holdout");
    assertThat(r.repo.branchExists("tuner/t-holdout-ok")).isFalse();
    assertThat(logged().brokenBy()).isNull();
    assertThat(logged().lastPassing()).isNull();
  }

  static Stats stats(double ratio, double lo, double hi, String verdict) {
    return new Stats(ratio, List.of(lo, hi), 0.2, List.of(4, 4), verdict);
  }

  @Test
  void aFasterBestNotShownBeyondNoiseIsSaidInWords() throws Exception {
    keep(1, "Cache the parser");
    decision =
        new BenchStage.Decision(
            false,
            "p50 same (B/A 0.5800, CI [0.2000, 1.1200]); p95 same (B/A 0.8000, CI [0.5000,"
                + " 1.3000])",
            null,
            Map.of("p50", stats(0.58, 0.2, 1.12, "same"), "p95", stats(0.8, 0.5, 1.3, "same")),
            0.8);
    holdout().check(r.state);
    assertThat(r.printed())
        .contains(
            "hold-out: parity held on the 2 hold-out cases; latency p50 -42.0% [-80.0, +12.0],"
                + " p95 -20.0% [-50.0, +30.0]: faster, but not shown beyond noise (that needs both"
                + " intervals below -1.00%)\n")
        .doesNotContain("not_improved");
    assertThat(logged().verdict()).as("the log keeps its vocabulary").isEqualTo("not_improved");
    assertThat(logged().parity()).isTrue();
  }

  @Test
  void aFasterBestBeyondNoiseAndAnUnchangedOneAreSaidInWordsToo() throws Exception {
    holdout().check(r.state);
    assertThat(r.printed())
        .contains(
            "hold-out: parity held on the 2 hold-out cases; latency not compared: nothing was"
                + " kept, the best is the start\n");

    keep(1, "Cache the parser");
    decision =
        new BenchStage.Decision(
            true,
            "p50 and p95 improved beyond 1.00% and allocation did not grow",
            null,
            Map.of(
                "p50", stats(0.6, 0.5, 0.7, "improved"),
                "p95", stats(0.7, 0.6, 0.8, "improved")),
            0.999);
    holdout().check(r.state);
    assertThat(r.printed())
        .contains(
            "latency p50 -40.0% [-50.0, -30.0], p95 -30.0% [-40.0, -20.0]: faster beyond noise"
                + " (both intervals below -1.00%)\n");
  }
}

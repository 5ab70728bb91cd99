package dev.tuner.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.cli.ExitCode;
import dev.tuner.cli.Main;
import dev.tuner.log.ExperimentLog;
import dev.tuner.log.Record;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tuner optimize --proposer knobs} on a clone of the example with three knobs, one of which (the
 * reference batch size) changes the calls: every point goes through the loop's gates, and the log shows the
 * path the search took. The build command stands in for the real one: it copies the reactor's artifact and
 * puts the tree's tuning.properties in it, which is what the real build makes of a tree that differs from
 * it in that file only.
 */
class OptimizeWithKnobSearchTest {

  static final Path ARTIFACT = ExampleUpstream.REPO.resolve("benchmarks/target/benchmarks.jar");
  static final List<String> KNOBS = List.of("reference.batchSize", "analysis.cacheSize", "segments.patternCacheSize");

  @TempDir static Path dir;
  static Path repo;
  static String userHead;
  static String userBranch;
  static int exitCode;
  static String out;
  static List<Record.Experiment> experiments;

  @BeforeAll
  static void searchTheKnobsOfTheExample() throws Exception {
    repo = ExampleClone.create(dir.resolve("repo"), spec -> TinyBench.apply(spec)
        // C1 only and short comparisons: this test shows the search's path through the gates, not a speedup.
        .replace("  compare: {warmupSeconds: 20, opsPerRound: 10, looks: [8]}\n", "  compare: {warmupSeconds: 5,"
            + " opsPerRound: 4, looks: [8]}\n  jvmArgs: [-XX:+UseSerialGC, -Xms512m, -Xmx512m, -XX:TieredStopAtLevel=1]\n")
        .replaceAll("(?m)^  command: .*$", Matcher.quoteReplacement("  command: \"mkdir -p benchmarks/target && cp "
            + ARTIFACT + " benchmarks/target/benchmarks.jar && jar uf benchmarks/target/benchmarks.jar"
            + " -C example/src/main/resources tuning.properties\""))
        + "knobs:\n"
        + "  file: example/src/main/resources/tuning.properties\n"
        + "  seed: 3\n"
        + "  params:\n"
        + "    - {name: reference.batchSize, type: choice, values: [10, 20]}\n"
        + "    - {name: analysis.cacheSize, type: integer, values: [64, 1024]}\n"
        + "    - {name: segments.patternCacheSize, type: integer, values: [4, 64]}\n");
    try (Git git = Git.open(repo.toFile())) {
      userHead = git.getRepository().resolve("HEAD").name();
      userBranch = git.getRepository().getBranch();
    }
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    exitCode = new Main(new PrintWriter(o), new PrintWriter(e), Map.of()).run("optimize", "--spec",
        repo.resolve("tuner.yaml").toString(), "--proposer", "knobs", "--tag", "k1", "--max-experiments", "3");
    out = o + e.toString();
    experiments = new ExperimentLog(repo.resolve(".tuner/experiments.jsonl")).read(new PrintWriter(o)).stream()
        .filter(r -> r instanceof Record.Experiment).map(r -> (Record.Experiment) r).toList();
  }

  @Test
  void everyTryRecordsItsKnobValuesAndNoPointIsMeasuredTwice() {
    assertThat(exitCode).as(out).isEqualTo(ExitCode.OK);
    assertThat(experiments).as(out).hasSize(4);
    assertThat(experiments.get(0).status()).isEqualTo("baseline");
    assertThat(experiments.get(0).knobs()).isEqualTo(
        Map.of("reference.batchSize", "10", "analysis.cacheSize", "64", "segments.patternCacheSize", "4"));
    for (Record.Experiment e : experiments) {
      assertThat(e.knobs()).as("run " + e.run()).containsOnlyKeys(KNOBS);
      assertThat(e.proposer().kind()).isEqualTo("knobs");
    }
    assertThat(new HashSet<>(experiments.stream().map(Record.Experiment::knobs).toList())).hasSize(4);
  }

  @Test
  void aBatchSizeThatChangesTheReferenceCallsIsRejectedInTheExactPhase() {
    Record.Experiment batch = experiments.stream().filter(e -> e.knobs().get("reference.batchSize").equals("20"))
        .findFirst().orElseThrow(() -> new AssertionError("no batch-size point tried:\n" + out));
    assertThat(batch.status()).isEqualTo("calls_changed");
    assertThat(batch.asi().rollbackReason()).as(out).isNotBlank();
    assertThat(batch.diff().files()).containsExactly("example/src/main/resources/tuning.properties");
  }

  @Test
  void pointsThatPassParityAreMeasuredAgainstTheBestAndJudgedByTheKeepRule() {
    List<Record.Experiment> measured = experiments.stream()
        .filter(e -> e.knobs().get("reference.batchSize").equals("10") && e.run() > 0).toList();
    assertThat(measured).as(out).isNotEmpty();
    for (Record.Experiment e : measured) {
      assertThat(e.status()).as(out).isIn("keep", "discard");
      assertThat(e.metric()).isPositive();
      assertThat(e.stats()).containsKey("p95");
      assertThat(e.description()).startsWith("knobs: ");
    }
  }

  @Test
  void theUsersBranchIsUntouched() throws Exception {
    try (Git git = Git.open(repo.toFile())) {
      assertThat(git.getRepository().getBranch()).isEqualTo(userBranch);
      assertThat(git.getRepository().resolve("refs/heads/" + userBranch).name()).isEqualTo(userHead);
      assertThat(git.status().call().isClean()).isTrue();
    }
  }
}

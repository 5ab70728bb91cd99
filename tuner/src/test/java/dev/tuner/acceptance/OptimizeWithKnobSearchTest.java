package dev.tuner.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.ExampleBuild;
import dev.tuner.ExampleClone;
import dev.tuner.TinyBench;
import dev.tuner.cli.Main;
import dev.tuner.harness.ExitCode;
import dev.tuner.log.ExperimentLog;
import dev.tuner.log.LogRecord;
import dev.tuner.log.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tuner optimize --proposer knobs} on a clone of the example with three knobs, one of which
 * (the reference batch size) changes the calls. The clone is recorded from the live upstream first,
 * so its fixtures hold the other batch size's requests too. The run has two phases: in the first
 * every contract is exact and the batch size is rejected; the second relaxes the reference calls to
 * no-increase, and the same point passes the gates and is measured. The build command stands in for
 * the real one: it copies the reactor's artifact and puts the tree's tuning.properties in it, which
 * is what the real build makes of a tree that differs from it in that file only.
 */
class OptimizeWithKnobSearchTest {

  static final List<String> KNOBS =
      List.of("reference.batchSize", "analysis.cacheSize", "segments.patternCacheSize");

  @TempDir static Path dir;
  static Path repo;
  static String userHead;
  static String userBranch;
  static int exitCode;
  static String out;
  static String recording;
  static final Map<String, Verified> verified = new java.util.HashMap<>();

  record Verified(int code, String out) {}

  static List<LogRecord.Experiment> experiments;

  @BeforeAll
  static void searchTheKnobsOfTheExample() throws Exception {
    try (ExampleUpstream live = ExampleUpstream.start()) {
      repo = cloneWithTwoPhases(live);
      StringWriter recorded = new StringWriter();
      int code =
          new Main(new PrintWriter(recorded), new PrintWriter(recorded), Map.of())
              .run("record", "--spec", repo.resolve("tuner.yaml").toString());
      recording = recorded.toString();
      assertThat(code).as(recording).isEqualTo(ExitCode.OK);
    }
    try (Git git = Git.open(repo.toFile())) {
      git.add().addFilepattern(".").call();
      git.add().setUpdate(true).addFilepattern(".").call();
      PersonIdent who = new PersonIdent("test", "test@localhost");
      git.commit()
          .setMessage("record batch-size variants")
          .setAuthor(who)
          .setCommitter(who)
          .setSign(false)
          .call();
      userHead = git.getRepository().resolve("HEAD").name();
      userBranch = git.getRepository().getBranch();
    }
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    exitCode =
        new Main(new PrintWriter(o), new PrintWriter(e), Map.of())
            .run(
                "optimize",
                "--spec",
                repo.resolve("tuner.yaml").toString(),
                "--proposer",
                "knobs",
                "--tag",
                "k1",
                "--max-experiments",
                "4");
    out = o + e.toString();
    experiments =
        new ExperimentLog(repo.resolve(".tuner/experiments.jsonl"))
            .read(new PrintWriter(o)).stream()
                .filter(r -> r instanceof LogRecord.Experiment)
                .map(r -> (LogRecord.Experiment) r)
                .toList();
    verifyBatchSize20("--phase", "exact");
    verifyBatchSize20("--phase", "batching");
    verifyBatchSize20("--phase", "relaxed");
  }

  /**
   * {@code tuner verify --case ai-default} of the tree with batch size 20 (then put back), by
   * arguments.
   */
  private static void verifyBatchSize20(String... args) throws Exception {
    Path tuning = repo.resolve("example/src/main/resources/tuning.properties");
    String committed = Files.readString(tuning);
    Files.writeString(
        tuning, committed.replace("reference.batchSize=10", "reference.batchSize=20"));
    try {
      StringWriter o = new StringWriter();
      List<String> all =
          new java.util.ArrayList<>(
              List.of(
                  "verify",
                  "--spec",
                  repo.resolve("tuner.yaml").toString(),
                  "--case",
                  "ai-default"));
      all.addAll(List.of(args));
      int code =
          new Main(new PrintWriter(o), new PrintWriter(o), Map.of())
              .run(all.toArray(String[]::new));
      verified.put(String.join(" ", args), new Verified(code, o.toString()));
    } finally {
      Files.writeString(tuning, committed);
    }
  }

  private static Path cloneWithTwoPhases(ExampleUpstream live) throws Exception {
    return ExampleClone.create(
        dir.resolve("repo"),
        spec ->
            ExampleBuild.withUberJarBuild(
                        TinyBench.apply(spec),
                        "\"mkdir -p benchmarks/target && cp "
                            + ExampleBuild.JAR
                            + " benchmarks/target/benchmarks.jar && jar uf benchmarks/target/benchmarks.jar"
                            + " -C example/src/main/resources tuning.properties\"",
                        "benchmarks/target/benchmarks.jar")
                    .replace("http://127.0.0.1:18080/", "http://127.0.0.1:" + live.port + "/")
                    // C1 only and short comparisons: this test shows the search's path through the
                    // gates, not a speedup.
                    .replace(
                        "  compare: {warmupSeconds: 20, opsPerRound: 10, looks: [8]}\n",
                        "  compare: {warmupSeconds: 5,"
                            + " opsPerRound: 4, looks: [8]}\n  jvmArgs: [-XX:+UseSerialGC, -Xms512m, -Xmx512m, -XX:TieredStopAtLevel=1]\n")
                + "knobs:\n"
                + "  file: example/src/main/resources/tuning.properties\n"
                + "  seed: 3\n"
                + "  params:\n"
                + "    - {name: reference.batchSize, type: choice, values: [10, 20], calls: [reference]}\n"
                + "    - {name: analysis.cacheSize, type: integer, values: [64, 1024]}\n"
                + "    - {name: segments.patternCacheSize, type: integer, values: [4, 64]}\n"
                + "optimize:\n"
                + "  phases:\n"
                + "    - {name: exact, maxExperiments: 3}\n"
                + "    - {name: batching, contracts: {reference: no-increase}}\n");
  }

  @Test
  void recordingHoldsTheOtherBatchSizesCallsToo() throws Exception {
    assertThat(recording)
        .contains("recording with reference.batchSize=20", "with reference.batchSize=20: ");
    String manifest = Files.readString(repo.resolve("fixtures/ai-default/manifest.json"));
    assertThat(manifest)
        .contains("\"variant\" : \"reference.batchSize=20\"", "\"reference.batchSize=20\" : {");
  }

  @Test
  void everyTryRecordsItsKnobValuesAndNoPointIsMeasuredTwiceWithinAPhase() {
    assertThat(exitCode).as(out).isEqualTo(ExitCode.OK);
    assertThat(experiments).as(out).hasSize(5);
    assertThat(experiments.get(0).status()).isEqualTo(Status.BASELINE);
    assertThat(experiments.get(0).knobs())
        .isEqualTo(
            Map.of(
                "reference.batchSize",
                "10",
                "analysis.cacheSize",
                "64",
                "segments.patternCacheSize",
                "4"));
    for (LogRecord.Experiment e : experiments) {
      assertThat(e.knobs()).as("run " + e.run()).containsOnlyKeys(KNOBS);
      assertThat(e.proposer().kind()).isEqualTo("knobs");
    }
    for (String phase : List.of("exact", "batching")) {
      List<Map<String, String>> points =
          experiments.stream()
              .filter(e -> e.phase().equals(phase))
              .map(LogRecord.Experiment::knobs)
              .toList();
      assertThat(new HashSet<>(points)).as(phase).hasSameSizeAs(points);
    }
  }

  @Test
  void aBatchSizeThatChangesTheReferenceCallsIsRejectedInTheExactPhase() {
    LogRecord.Experiment batch =
        experiments.stream()
            .filter(
                e -> e.phase().equals("exact") && e.knobs().get("reference.batchSize").equals("20"))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no batch-size point tried in phase exact:\n" + out));
    assertThat(batch.status()).isEqualTo(Status.CALLS_CHANGED);
    assertThat(batch.asi().rollbackReason()).as(out).isNotBlank();
    assertThat(batch.diff().files())
        .containsExactly("example/src/main/resources/tuning.properties");
  }

  @Test
  void theSameBatchSizePassesThePhaseThatRelaxesTheReferenceContractAndIsMeasured() {
    LogRecord.Experiment baseline = experiments.get(0);
    LogRecord.Experiment batch =
        experiments.stream()
            .filter(e -> e.phase().equals("batching"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no try in phase batching:\n" + out));
    assertThat(batch.knobs()).as(out).containsEntry("reference.batchSize", "20");
    assertThat(batch.status()).as(out).isIn(Status.KEEP, Status.DISCARD);
    assertThat(batch.stats()).containsKey("p95");
    assertThat(batch.calls().get("reference"))
        .as("fewer reference calls than recorded")
        .isLessThan(baseline.calls().get("reference"));
    assertThat(batch.calls().get("embeddings")).isEqualTo(baseline.calls().get("embeddings"));
  }

  @Test
  void pointsThatPassParityAreMeasuredAgainstTheBestAndJudgedByTheKeepRule() {
    List<LogRecord.Experiment> measured =
        experiments.stream()
            .filter(e -> e.knobs().get("reference.batchSize").equals("10") && e.run() > 0)
            .toList();
    assertThat(experiments).as(out).filteredOn(e -> e.phase().equals("exact")).hasSize(4);
    assertThat(measured).as(out).isNotEmpty();
    for (LogRecord.Experiment e : measured) {
      assertThat(e.status()).as(out).isIn(Status.KEEP, Status.DISCARD);
      assertThat(e.metric()).isPositive();
      assertThat(e.stats()).containsKey("p95");
      assertThat(e.description()).startsWith("knobs: ");
    }
  }

  @Test
  void verifyChecksTheOtherBatchSizeUnderTheContractsOfTheNamedPhase() {
    assertThat(verified.get("--phase exact").code())
        .as(verified.get("--phase exact").out())
        .isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(verified.get("--phase exact").out())
        .contains("reference: 10 call(s), recorded 20 (contract exact)");
    assertThat(verified.get("--phase batching").code())
        .as(verified.get("--phase batching").out())
        .isEqualTo(ExitCode.OK);
    assertThat(verified.get("--phase batching").out())
        .contains("PASS    ai-default", "reference=10");
    assertThat(verified.get("--phase relaxed").code()).isEqualTo(ExitCode.USAGE);
    assertThat(verified.get("--phase relaxed").out())
        .contains("--phase relaxed: no such phase", "[exact, batching]");
  }

  @Test
  void theUsersBranchIsUntouched() throws Exception {
    try (Git git = Git.open(repo.toFile())) {
      assertThat(git.getRepository().getBranch()).isEqualTo(userBranch);
      assertThat(git.getRepository().resolve("refs/heads/" + userBranch).name())
          .isEqualTo(userHead);
      assertThat(git.status().call().isClean()).isTrue();
    }
  }
}

package dev.tuner.acceptance;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tuner.ExampleClone;
import dev.tuner.TinyBench;
import dev.tuner.cli.Main;
import dev.tuner.harness.ExitCode;
import dev.tuner.log.ExperimentLog;
import dev.tuner.log.LogRecord;
import dev.tuner.profile.ProfileStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tuner optimize --proposer llm} on a clone of the example against an OpenAI-shaped endpoint
 * that answers, in turn (a WireMock scenario): a real speedup, malformed JSON, a 429 storm, an edit
 * to a frozen file; by then the next call could break the cost cap, so the loop stops before making
 * it.
 */
class OptimizeWithLlmProposerTest {

  static final String KEY = "sk-e2e-SECRET-4f1d2c3b";

  /**
   * Each answer is recorded as 40,000 tokens in and 1,000 out; at $1 and $4 per million that is
   * $0.044.
   */
  static final double ANSWER_COST = 0.044;

  static final double CAP = 0.14;

  @TempDir static Path dir;
  static WireMockServer server;
  static Path repo;
  static String userBranch;
  static int exitCode;
  static String out;
  static List<LogRecord.Experiment> experiments;

  /**
   * Tiny benchmark settings without the hold-out case: its end-of-run comparison would add a
   * minute.
   */
  static String spec(String tinyBench) {
    return tinyBench.substring(0, tinyBench.indexOf("  - {id: cyber-developed"))
        + "optimize:\n"
        + "  proposer:\n"
        + "    kind: llm\n"
        + "    llm:\n"
        + "      provider: openai\n"
        + "      model: stub-model\n"
        + "      apiKeyEnv: STUB_OPENAI_KEY\n"
        + "      maxTokens: 4000\n"
        + "      retries: 1\n"
        + "      retryBackoffMillis: 200\n"
        + "      prices:\n"
        + "        stub-model: {input: 1.0, output: 4.0}\n";
  }

  @BeforeAll
  static void optimizeTheExampleWithAStubbedModel() throws Exception {
    Path recorded = Path.of(OptimizeWithLlmProposerTest.class.getResource("/llm/e2e").toURI());
    server =
        new WireMockServer(
            WireMockConfiguration.options()
                .dynamicPort()
                .usingFilesUnderDirectory(recorded.toString()));
    server.start();
    repo = ExampleClone.create(dir.resolve("repo"), s -> spec(TinyBench.withProfiles(s)));
    try (Git git = Git.open(repo.toFile())) {
      userBranch = git.getRepository().getBranch();
    }
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    exitCode =
        new Main(new PrintWriter(o), new PrintWriter(e), Map.of("STUB_OPENAI_KEY", KEY))
            .run(
                "optimize",
                "--spec",
                repo.resolve("tuner.yaml").toString(),
                "--proposer",
                "llm",
                "--base-url",
                "http://127.0.0.1:" + server.port() + "/v1",
                "--max-cost",
                Double.toString(CAP),
                "--tag",
                "llm",
                "--plateau",
                "20");
    out = o + e.toString();
    experiments =
        new ExperimentLog(repo.resolve(".tuner/experiments.jsonl"))
            .read(new PrintWriter(o)).stream()
                .filter(r -> r instanceof LogRecord.Experiment)
                .map(r -> (LogRecord.Experiment) r)
                .toList();
  }

  @AfterAll
  static void stopTheStub() {
    server.stop();
  }

  @Test
  void eachAnswerGetsItsStatus() {
    assertThat(exitCode).as(out).isEqualTo(ExitCode.OK);
    assertThat(experiments)
        .extracting(e -> e.status().label())
        .as(out)
        .containsExactly(
            "baseline", "keep", "invalid_proposal", "proposer_failed", "invalid_proposal");
    assertThat(experiments.get(2).asi().rollbackReason())
        .startsWith("the answer is not valid JSON");
    assertThat(experiments.get(3).asi().rollbackReason())
        .contains("failed 2 times")
        .contains("429");
    assertThat(experiments.get(4).asi().rollbackReason())
        .contains("upstream/Universe.java is out of scope");
  }

  @Test
  void theKeptChangeCarriesTheModelsHypothesisAndExpectation() throws Exception {
    LogRecord.Experiment kept = experiments.get(1);
    assertThat(kept.asi().hypothesis()).startsWith("Exceptions from Double.parseDouble");
    assertThat(kept.expectation()).isEqualTo("p50 and p95 -20% or more");
    assertThat(kept.proposer().kind()).isEqualTo("llm");
    assertThat(kept.proposer().model()).isEqualTo("stub-model");
    try (Git git = Git.open(repo.toFile())) {
      assertThat(git.getRepository().resolve("refs/heads/tuner/llm").name())
          .isEqualTo(kept.commit());
    }
    assertThat(Files.readString(repo.resolve(".tuner/ideas.md")))
        .contains("cache the lower-cased descriptions");
  }

  @Test
  void tokensAndCostAreLoggedPerTryAndCumulatively() {
    LogRecord.Experiment kept = experiments.get(1);
    assertThat(kept.proposer().tokensIn()).isEqualTo(40_000);
    assertThat(kept.proposer().tokensOut()).isEqualTo(1_000);
    assertThat(kept.proposer().cost()).isCloseTo(ANSWER_COST, Offset.offset(1e-9));
    assertThat(experiments.get(2).proposer().cost())
        .as("a malformed answer is paid for too")
        .isCloseTo(ANSWER_COST, Offset.offset(1e-9));
    assertThat(experiments.get(3).proposer().tokensIn()).as("429s cost nothing").isNull();
    assertThat(experiments.get(4).proposer().costTotal())
        .isCloseTo(3 * ANSWER_COST, Offset.offset(1e-9));
    assertThat(out).contains(String.format(java.util.Locale.ROOT, "$%.2f", 3 * ANSWER_COST));
  }

  @Test
  void theCostCapStopsTheLoopBeforeACallThatCouldBreakIt() {
    assertThat(out).contains("stopped: budget: the next proposal could cost up to $");
    double spent =
        experiments.stream()
            .filter(e -> e.proposer() != null && e.proposer().cost() != null)
            .mapToDouble(e -> e.proposer().cost())
            .sum();
    assertThat(spent).isLessThanOrEqualTo(CAP);
    // 1 speedup + 1 malformed + 2 for the storm (one retry) + 1 out of scope; the sixth was never
    // asked.
    server.verify(5, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }

  @Test
  void thePromptShowsTheInScopeFilesAndTheLastFailure() throws Exception {
    String third = Files.readString(repo.resolve(".tuner/prompts/run-3.md"));
    assertThat(third)
        .contains("### example/src/main/java/com/example/portfolio/DescriptionAnalyzer.java")
        .contains("WHITESPACE.split")
        .contains("the answer is not valid JSON");
    assertThat(third).doesNotContain("### example/src/main/java/com/example/portfolio/upstream/");
  }

  @Test
  void thePromptShowsWhereTheBestSpendsItsTime() throws Exception {
    String first = Files.readString(repo.resolve(".tuner/prompts/run-1.md"));
    assertThat(first)
        .contains("## Where time goes in the current best")
        .containsPattern("Cases profiled: .*ai-default")
        .contains("com.example.portfolio.DescriptionAnalyzer.isNumber");
    try (Stream<Path> profiles = Files.list(repo.resolve(".tuner/profiles"))) {
      assertThat(profiles.map(p -> p.getFileName().toString()))
          .as("one profile per best: the baseline and the kept commit")
          .containsExactlyInAnyOrder(experiments.get(0).commit(), experiments.get(1).commit());
    }
  }

  @Test
  void eachBestsProfileIsTheFirstStageOfTheTryAfterIt() throws Exception {
    ProfileStore store = new ProfileStore(repo.resolve(".tuner/profiles"));
    double baseline = store.find(experiments.get(0).commit()).orElseThrow().seconds();
    double kept = store.find(experiments.get(1).commit()).orElseThrow().seconds();
    // The loop times the stage that records the profile, so the stage is at least as long.
    assertThat(experiments.get(1).wallS().profile()).isGreaterThanOrEqualTo(baseline - 0.1);
    assertThat(experiments.get(2).wallS().profile()).isGreaterThanOrEqualTo(kept - 0.1);
    assertThat(experiments.get(1).wallS().stages()).containsKeys("profile", "propose", "build");
    assertThat(experiments.get(1).wallS().stages().keySet().iterator().next()).isEqualTo("profile");
    assertThat(experiments.get(0).wallS().profile()).as("the baseline's record").isNull();
  }

  @Test
  void theApiKeyIsWrittenNowhere() throws Exception {
    assertThat(out).doesNotContain(KEY);
    try (Stream<Path> files = Files.walk(repo.resolve(".tuner"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
            .as(f.toString())
            .doesNotContain(KEY);
      }
    }
  }

  @Test
  void theUsersBranchIsUntouched() throws Exception {
    try (Git git = Git.open(repo.toFile())) {
      assertThat(git.getRepository().getBranch()).isEqualTo(userBranch);
      assertThat(git.status().call().isClean()).isTrue();
    }
  }
}

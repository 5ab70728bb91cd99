package dev.tuner.propose.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tuner.propose.Proposal;
import dev.tuner.propose.ProposalRequest;
import dev.tuner.spec.OptimizeSpec.Price;
import dev.tuner.spec.Scope;
import dev.tuner.spec.ScopeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The llm proposer against OpenAI-, Anthropic- and Ollama-shaped endpoints served by WireMock from
 * recorded responses ({@code src/test/resources/llm/<provider>/mappings}); the model name picks the
 * response.
 */
class LlmProposerTest {

  static final String KEY = "sk-test-SECRET-0123456789";
  static final String SLOW =
      """
      package demo;

      final class Slow {
        static int sum(int[] xs) {
          int s = 0;
          for (int i = 0; i < xs.length; i++) {
            s += Integer.valueOf(xs[i]);
          }
          return s;
        }
      }
      """;

  @TempDir Path root;
  WireMockServer server;
  Path slow;

  @BeforeEach
  void aRepositoryWithOneInScopeFile() throws Exception {
    slow = root.resolve("src/main/java/demo/Slow.java");
    Files.createDirectories(slow.getParent());
    Files.writeString(slow, SLOW);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private String serve(String provider) throws Exception {
    Path recorded = Path.of(getClass().getResource("/llm/" + provider).toURI());
    server =
        new WireMockServer(
            WireMockConfiguration.options()
                .dynamicPort()
                .usingFilesUnderDirectory(recorded.toString()));
    server.start();
    return "http://127.0.0.1:" + server.port();
  }

  private LlmProposer proposer(String provider, String baseUrl, String model, String key) {
    return proposer(provider, baseUrl, model, key, new Price(2.5, 10.0));
  }

  private LlmProposer proposer(
      String provider, String baseUrl, String model, String key, Price price) {
    LlmSettings settings =
        new LlmSettings(
            provider,
            model,
            baseUrl,
            key == null ? null : "TEST_KEY",
            key,
            0.2,
            2000,
            Duration.ofSeconds(20),
            2,
            Duration.ofMillis(10),
            price);
    return new LlmProposer(
        settings, new Scope(new ScopeSpec(List.of("src/main/java/**"), List.of())));
  }

  private Proposal propose(LlmProposer proposer) throws Exception {
    return proposer.propose(
        new ProposalRequest(
            4,
            3,
            root,
            "abc",
            "make Slow.sum faster",
            root.resolve("p.md"),
            root.resolve("ideas.md"),
            Duration.ofMinutes(1)));
  }

  @Test
  void openAiAnswerIsParsedAppliedAndPriced() throws Exception {
    String url = serve("openai");
    Proposal p = propose(proposer("openai", url + "/v1", "ok", KEY));
    assertThat(p.outcome()).as(p.problem()).isEqualTo(Proposal.Outcome.CHANGED);
    assertThat(p.hypothesis()).startsWith("Integer.valueOf boxes every element");
    assertThat(p.description()).isEqualTo("Integer.valueOf boxes every element");
    assertThat(p.expectation()).isEqualTo("p95 -5%");
    assertThat(p.ideas()).containsExactly("sum with a stream once the JIT handles it");
    assertThat(slow).content().contains("s += xs[i];").doesNotContain("Integer.valueOf");
    assertThat(p.proposer().model()).isEqualTo("ok");
    assertThat(p.proposer().tokensIn()).isEqualTo(1234);
    assertThat(p.proposer().tokensOut()).isEqualTo(56);
    assertThat(p.proposer().cost())
        .isCloseTo((1234 * 2.5 + 56 * 10.0) / 1e6, org.assertj.core.data.Offset.offset(1e-12));
    server.verify(
        1,
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_schema")))
            .withRequestBody(matchingJsonPath("$.max_completion_tokens", equalTo("2000")))
            .withRequestBody(
                matchingJsonPath("$.messages[1].content", equalTo("make Slow.sum faster"))));
  }

  @Test
  void aModelWithoutAPriceRunsLogsItsTokensAndLeavesTheCostUnknown() throws Exception {
    String url = serve("openai");
    LlmProposer proposer = proposer("openai", url + "/v1", "ok", KEY, null);
    assertThat(proposer.unknownCost())
        .contains("model 'ok' has no known price")
        .contains("optimize.proposer.llm.prices");
    assertThat(proposer.worstCaseCostUsd("a prompt")).isInfinite();
    Proposal p = propose(proposer);
    assertThat(p.outcome()).as(p.problem()).isEqualTo(Proposal.Outcome.CHANGED);
    assertThat(p.proposer().tokensIn()).isEqualTo(1234);
    assertThat(p.proposer().tokensOut()).isEqualTo(56);
    assertThat(p.proposer().cost()).as("unknown, not zero").isNull();
  }

  @Test
  void anthropicAnswerIsParsedAppliedAndPriced() throws Exception {
    String url = serve("anthropic");
    Proposal p = propose(proposer("anthropic", url + "/v1/", "claude-ok", KEY));
    assertThat(p.outcome()).as(p.problem()).isEqualTo(Proposal.Outcome.CHANGED);
    assertThat(slow).content().contains("s += xs[i];");
    assertThat(p.proposer().tokensIn()).isEqualTo(2100);
    assertThat(p.proposer().tokensOut()).isEqualTo(140);
    assertThat(p.proposer().cost())
        .isCloseTo((2100 * 2.5 + 140 * 10.0) / 1e6, org.assertj.core.data.Offset.offset(1e-12));
    server.verify(
        1, postRequestedFor(urlEqualTo("/v1/messages")).withHeader("x-api-key", equalTo(KEY)));
  }

  @Test
  void ollamaAnswerIsParsedAppliedAndCounted() throws Exception {
    String url = serve("ollama");
    Proposal p = propose(proposer("ollama", url, "llama-ok", null));
    assertThat(p.outcome()).as(p.problem()).isEqualTo(Proposal.Outcome.CHANGED);
    assertThat(slow).content().contains("s += xs[i];");
    assertThat(p.proposer().tokensIn()).isEqualTo(900);
    assertThat(p.proposer().tokensOut()).isEqualTo(75);
    server.verify(
        1, postRequestedFor(urlEqualTo("/api/chat")).withRequestBody(matchingJsonPath("$.format")));
  }

  @Test
  void aRateLimitStormIsRetriedThenFailsTheTryWithoutTheKey() throws Exception {
    String url = serve("openai");
    Proposal p = propose(proposer("openai", url + "/v1", "storm", KEY));
    assertThat(p.outcome()).isEqualTo(Proposal.Outcome.FAILED);
    assertThat(p.problem()).contains("failed 3 times").contains("429");
    assertThat(p.output().lines()).hasSize(3);
    assertThat(p.problem() + p.output()).doesNotContain(KEY);
    assertThat(p.proposer().tokensIn()).isNull();
    server.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    assertThat(slow).hasContent(SLOW);
  }

  @Test
  void retriesStopWhenTheyWouldOutlastTheProposersTimeout() throws Exception {
    String url = serve("openai");
    LlmSettings settings =
        new LlmSettings(
            "openai",
            "storm",
            url + "/v1",
            "TEST_KEY",
            KEY,
            null,
            2000,
            Duration.ofSeconds(20),
            5,
            Duration.ofSeconds(3),
            new Price(2.5, 10.0));
    Proposal p =
        new LlmProposer(settings, new Scope(new ScopeSpec(List.of("src/main/java/**"), List.of())))
            .propose(
                new ProposalRequest(
                    4,
                    3,
                    root,
                    "abc",
                    "go",
                    root.resolve("p.md"),
                    root.resolve("ideas.md"),
                    Duration.ofSeconds(2)));
    assertThat(p.outcome()).isEqualTo(Proposal.Outcome.FAILED);
    assertThat(p.problem()).contains("would run past the proposer's 2 s");
    server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }

  @Test
  void anOverloadedAnthropicIsRetriedThenFails() throws Exception {
    String url = serve("anthropic");
    Proposal p = propose(proposer("anthropic", url + "/v1/", "claude-storm", KEY));
    assertThat(p.outcome()).isEqualTo(Proposal.Outcome.FAILED);
    server.verify(3, postRequestedFor(urlEqualTo("/v1/messages")));
  }

  @Test
  void aCrashingOllamaIsRetriedThenFails() throws Exception {
    String url = serve("ollama");
    Proposal p = propose(proposer("ollama", url, "llama-storm", null));
    assertThat(p.outcome()).isEqualTo(Proposal.Outcome.FAILED);
    assertThat(p.problem()).contains("500");
    server.verify(3, postRequestedFor(urlEqualTo("/api/chat")));
  }

  @Test
  void aServerErrorThenAnAnswerGoesThroughOnTheRetry() throws Exception {
    String url = serve("openai");
    Proposal p = propose(proposer("openai", url + "/v1", "flaky", KEY));
    assertThat(p.outcome()).as(p.problem()).isEqualTo(Proposal.Outcome.CHANGED);
    server.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }

  @Test
  void aBadKeyIsNotRetriedAndNeverEchoed() throws Exception {
    String url = serve("openai");
    Proposal p = propose(proposer("openai", url + "/v1", "bad-key", KEY));
    assertThat(p.outcome()).isEqualTo(Proposal.Outcome.FAILED);
    assertThat(p.problem()).contains("401").contains("<TEST_KEY>").doesNotContain(KEY);
    server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }

  @Test
  void malformedJsonIsAnInvalidProposalThatStillCountsItsTokens() throws Exception {
    String url = serve("openai");
    Proposal p = propose(proposer("openai", url + "/v1", "malformed", KEY));
    assertThat(p.outcome()).isEqualTo(Proposal.Outcome.INVALID);
    assertThat(p.problem()).startsWith("the answer is not valid JSON");
    assertThat(p.output()).contains("unroll the loop");
    assertThat(p.proposer().tokensIn()).isEqualTo(1234);
    assertThat(p.proposer().cost()).isPositive();
    assertThat(slow).hasContent(SLOW);
  }

  @Test
  void proseFromALocalModelIsAnInvalidProposal() throws Exception {
    String url = serve("ollama");
    Proposal p = propose(proposer("ollama", url, "llama-malformed", null));
    assertThat(p.outcome()).isEqualTo(Proposal.Outcome.INVALID);
    assertThat(p.problem()).startsWith("the answer is not valid JSON");
  }

  @Test
  void anEmptyAnswerIsAnInvalidProposal() throws Exception {
    String url = serve("openai");
    Proposal p = propose(proposer("openai", url + "/v1", "empty", KEY));
    assertThat(p.outcome()).isEqualTo(Proposal.Outcome.INVALID);
    assertThat(p.problem()).isEqualTo("the answer was empty");
  }

  @Test
  void refusalsAreInvalidProposals() throws Exception {
    String url = serve("openai");
    Proposal p = propose(proposer("openai", url + "/v1", "refusal", KEY));
    assertThat(p.outcome()).isEqualTo(Proposal.Outcome.INVALID);
    assertThat(p.problem()).startsWith("the model refused").contains("I can't help with that.");
  }

  @Test
  void anAnthropicRefusalIsAnInvalidProposal() throws Exception {
    String url = serve("anthropic");
    Proposal p = propose(proposer("anthropic", url + "/v1/", "claude-refusal", KEY));
    assertThat(p.outcome()).isEqualTo(Proposal.Outcome.INVALID);
    assertThat(p.problem()).isNotBlank();
    assertThat(p.proposer().tokensIn()).isEqualTo(2100);
  }

  @Test
  void anAnswerCutOffAtMaxTokensIsAnInvalidProposal() throws Exception {
    String url = serve("openai");
    Proposal p = propose(proposer("openai", url + "/v1", "cut-off", KEY));
    assertThat(p.outcome()).isEqualTo(Proposal.Outcome.INVALID);
    assertThat(p.problem()).contains("cut off at maxTokens 2000");
  }

  @Test
  void anOutOfScopeEditIsAnInvalidProposalAndWritesNothing() throws Exception {
    String url = serve("openai");
    Proposal p = propose(proposer("openai", url + "/v1", "out-of-scope", KEY));
    assertThat(p.outcome()).isEqualTo(Proposal.Outcome.INVALID);
    assertThat(p.problem()).contains("build.gradle is out of scope");
    assertThat(root.resolve("build.gradle")).doesNotExist();
  }

  @Test
  void editsApplyAllOrNothing() throws Exception {
    String url = serve("openai");
    Proposal p = propose(proposer("openai", url + "/v1", "half-applies", KEY));
    assertThat(p.outcome()).isEqualTo(Proposal.Outcome.INVALID);
    assertThat(p.problem()).contains("edits[1]").contains("does not occur");
    assertThat(p.hypothesis()).isEqualTo("two edits, the second misquoted");
    assertThat(slow).hasContent(SLOW);
  }

  @Test
  void aFencedJsonAnswerIsRead() throws Exception {
    String url = serve("openai");
    assertThat(propose(proposer("openai", url + "/v1", "fenced", KEY)).outcome())
        .isEqualTo(Proposal.Outcome.CHANGED);
  }

  @Test
  void theWorstCaseCostCoversThePromptAndAFullAnswer() {
    LlmProposer p = proposer("openai", "http://127.0.0.1:9", "ok", KEY);
    String prompt = "x".repeat(30_000);
    double tokensIn = (LlmProposer.SYSTEM.length() + prompt.length()) / 3.0;
    assertThat(p.worstCaseCostUsd(prompt))
        .isGreaterThanOrEqualTo((tokensIn * 2.5 + 2000 * 10.0) / 1e6);
  }
}

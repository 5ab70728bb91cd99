package dev.tuner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.harness.spec.SpecException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmSpecTest {

  private static final String MINIMAL = MinimalSpec.TEXT;

  @TempDir Path dir;

  @Test
  void everyKeyCanBeSet() throws Exception {
    OptimizeSpec o =
        load(MINIMAL
                + String.join(
                    "\n",
                    "optimize:",
                    "  profile: false",
                    "  proposer:",
                    "    kind: llm",
                    "    llm:",
                    "      provider: openai-compatible",
                    "      model: qwen",
                    "      baseUrl: http://127.0.0.1:8000/v1",
                    "      apiKeyEnv: VLLM_KEY",
                    "      temperature: 0.3",
                    "      maxTokens: 2000",
                    "      timeoutSeconds: 60",
                    "      retries: 5",
                    "      retryBackoffMillis: 500",
                    "      prices: {qwen: {input: 0, output: 0}}",
                    ""))
            .optimize();
    assertThat(o.profile()).isFalse();
    assertThat(o.proposer().kind()).isEqualTo("llm");
    assertThat(o.proposer().llm())
        .isEqualTo(
            new OptimizeSpec.LlmSpec(
                "openai-compatible",
                "qwen",
                "http://127.0.0.1:8000/v1",
                "VLLM_KEY",
                0.3,
                2000,
                60,
                5,
                500,
                java.util.Map.of("qwen", new OptimizeSpec.Price(0.0, 0.0))));
  }

  @Test
  void withoutTheSectionTheDefaultsApply() throws Exception {
    OptimizeSpec o = load(MINIMAL).optimize();
    assertThat(o.profile()).isTrue();
    assertThat(o.minStageSeconds()).isEqualTo(120);
    assertThat(o.proposer().llm().maxTokens()).isEqualTo(4096);
    assertThat(o.proposer().llm().retries()).isEqualTo(3);
    assertThat(o.proposer().llm().temperature()).isNull();
  }

  @Test
  void badValuesNameTheFileLineAndKey() {
    expectError(
        "optimize:\n  proposer:\n    llm:\n      provider: skynet\n",
        ":9: optimize.proposer.llm.provider: 'skynet' is not one of [openai, anthropic, ollama, openai-compatible]");
    expectError(
        "optimize:\n  proposer:\n    llm:\n      maxTokens: 0\n",
        ":9: optimize.proposer.llm.maxTokens: must be at least 1");
    expectError(
        "optimize:\n  proposer:\n    llm:\n      retries: -1\n",
        ":9: optimize.proposer.llm.retries: must not be negative");
    expectError(
        "optimize:\n  proposer:\n    llm:\n      temperature: 3\n",
        "optimize.proposer.llm.temperature: must be in [0, 2]");
    expectError(
        "optimize:\n  proposer:\n    llm:\n      prices: {m: {input: 1}}\n",
        "optimize.proposer.llm.prices.m: needs input and output");
    expectError(
        "optimize:\n  proposer:\n    llm:\n      apiKey: sk-123\n",
        "optimize.proposer.llm.apiKey: unknown key");
    expectError(
        "optimize:\n  minStageSeconds: 0\n", ":7: optimize.minStageSeconds: must be at least 1");
    expectError(
        "optimize:\n  proposer:\n    kind: oracle\n",
        "optimize.proposer.kind: 'oracle' is not one of [patches, command, llm, knobs]");
  }

  private void expectError(String section, String message) {
    assertThatThrownBy(() -> load(MINIMAL + section))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining(message);
  }

  private TunerSpec load(String text) throws Exception {
    return MinimalSpec.load(dir, text);
  }
}

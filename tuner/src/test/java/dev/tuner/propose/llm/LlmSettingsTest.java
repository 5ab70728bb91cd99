package dev.tuner.propose.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.error.UsageException;
import dev.tuner.spec.OptimizeSpec.LlmSpec;
import dev.tuner.spec.OptimizeSpec.Price;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmSettingsTest {

  static final LlmSettings.Overrides NONE = new LlmSettings.Overrides(null, null, null, null);

  static LlmSpec spec(String provider, String model, String apiKeyEnv, Map<String, Price> prices) {
    return new LlmSpec(provider, model, null, apiKeyEnv, null, null, null, null, null, prices);
  }

  @Test
  void theKeyComesFromTheProvidersDefaultVariableAndIsNeverPrinted() throws Exception {
    LlmSettings s =
        LlmSettings.resolve(
            spec("openai", "gpt-4o-mini-2024-07-18", null, null),
            NONE,
            Map.of("OPENAI_API_KEY", "sk-live-123456"));
    assertThat(s.apiKey()).isEqualTo("sk-live-123456");
    assertThat(s.apiKeyEnv()).isEqualTo("OPENAI_API_KEY");
    assertThat(s.price())
        .as("a dated name takes its family's price")
        .isEqualTo(new Price(0.15, 0.60));
    assertThat(s.toString()).doesNotContain("sk-live-123456");
    assertThat(s.redact("bad key sk-live-123456 given"))
        .isEqualTo("bad key <OPENAI_API_KEY> given");
    assertThat(s.maxTokens()).isEqualTo(4096);
    assertThat(s.retries()).isEqualTo(3);
    assertThat(s.temperature()).isNull();
  }

  @Test
  void commandLineValuesOverrideTheSpec() throws Exception {
    LlmSettings s =
        LlmSettings.resolve(
            spec("openai", "gpt-4o", "SPEC_KEY", null),
            new LlmSettings.Overrides(
                "anthropic", "claude-sonnet-4-5-20250929", "http://127.0.0.1:9/v1/", "CLI_KEY"),
            Map.of("CLI_KEY", "k-cli-9999", "SPEC_KEY", "k-spec-9999"));
    assertThat(s.provider()).isEqualTo("anthropic");
    assertThat(s.model()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(s.baseUrl()).isEqualTo("http://127.0.0.1:9/v1/");
    assertThat(s.apiKey()).isEqualTo("k-cli-9999");
    assertThat(s.price()).isEqualTo(new Price(3.0, 15.0));
  }

  @Test
  void theSpecsPricesWinOverTheBuiltInOnes() throws Exception {
    LlmSettings s =
        LlmSettings.resolve(
            spec("openai", "gpt-4o", null, Map.of("gpt-4o", new Price(1.0, 2.0))),
            NONE,
            Map.of("OPENAI_API_KEY", "sk-x-0000"));
    assertThat(s.price()).isEqualTo(new Price(1.0, 2.0));
  }

  @Test
  void ollamaNeedsNoKeyAndCostsNothing() throws Exception {
    LlmSettings s =
        LlmSettings.resolve(spec("ollama", "qwen2.5-coder:14b", null, null), NONE, Map.of());
    assertThat(s.apiKey()).isNull();
    assertThat(s.price()).isEqualTo(new Price(0.0, 0.0));
  }

  @Test
  void aMissingKeyNamesTheVariable() throws Exception {
    assertThatThrownBy(
            () ->
                LlmSettings.resolve(
                    spec("anthropic", "claude-sonnet-4", null, null), NONE, Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("the environment variable ANTHROPIC_API_KEY")
        .hasMessageContaining("is not set");
  }

  @Test
  void badSettingsAreUsageErrors() throws Exception {
    Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-x-0000");
    assertThatThrownBy(() -> LlmSettings.resolve(spec(null, "m", null, null), NONE, env))
        .hasMessageContaining("needs a provider");
    assertThatThrownBy(() -> LlmSettings.resolve(spec("openai", null, null, null), NONE, env))
        .hasMessageContaining("needs a model");
    assertThatThrownBy(() -> LlmSettings.resolve(spec("mystery", "m", null, null), NONE, env))
        .hasMessageContaining("'mystery' is not one of");
    assertThatThrownBy(
            () -> LlmSettings.resolve(spec("openai-compatible", "m", null, null), NONE, env))
        .hasMessageContaining("needs --base-url");
  }

  @Test
  void aModelWithoutAPriceResolvesAndSaysItsCostIsUnknown() throws Exception {
    LlmSettings s =
        LlmSettings.resolve(
            spec("openai", "my-finetune", null, null), NONE, Map.of("OPENAI_API_KEY", "sk-x-0000"));
    assertThat(s.price()).isNull();
    assertThat(s.unknownPrice())
        .isEqualTo(
            "model 'my-finetune' has no known price; give it in tuner.yaml as"
                + " optimize.proposer.llm.prices: {\"my-finetune\": {input: USD, output: USD}}"
                + " (per million tokens, 0 for a local model)");
    assertThat(s.describe())
        .isEqualTo(
            "llm proposer: openai my-finetune, price unknown (tokens are logged, the cost is not"
                + " counted), up to 4096 tokens an answer, key from $OPENAI_API_KEY");
    LlmSettings priced =
        LlmSettings.resolve(
            spec("openai", "gpt-4o-mini", null, null), NONE, Map.of("OPENAI_API_KEY", "sk-x-0000"));
    assertThat(priced.unknownPrice()).isNull();
    assertThat(priced.describe()).contains("$0.15/$0.60 per million tokens in/out");
  }
}

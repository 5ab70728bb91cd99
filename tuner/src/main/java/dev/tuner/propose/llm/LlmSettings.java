package dev.tuner.propose.llm;

import dev.tuner.error.UsageException;
import dev.tuner.spec.OptimizeSpec.LlmSpec;
import dev.tuner.spec.OptimizeSpec.Price;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The llm proposer's settings for one run: the spec's {@code optimize.proposer.llm} with the
 * command-line overrides applied, the API key read from the environment, and the model's price.
 *
 * @param apiKey null where the provider needs none; never printed ({@link #toString()} hides it)
 * @param price USD per million tokens; null when neither the spec nor the built-in table knows the
 *     model: the run goes on, logs the tokens and calls the cost unknown, and a cost cap is refused
 */
public record LlmSettings(
    String provider,
    String model,
    String baseUrl,
    String apiKeyEnv,
    String apiKey,
    Double temperature,
    int maxTokens,
    Duration timeout,
    int retries,
    Duration retryBackoff,
    Price price) {

  /** Command-line values that replace the spec's for one run; null keeps the spec's. */
  public record Overrides(String provider, String model, String baseUrl, String apiKeyEnv) {}

  /**
   * Resolves the settings.
   *
   * @throws UsageException naming the key or option and what is wrong: a usage error (exit 2)
   */
  public static LlmSettings resolve(LlmSpec spec, Overrides cli, Map<String, String> env)
      throws UsageException {
    String provider = cli.provider() != null ? cli.provider() : spec.provider();
    if (provider == null) {
      throw new UsageException(
          "the llm proposer needs a provider: --provider or optimize.proposer.llm.provider"
              + " (one of "
              + dev.tuner.spec.TunerSpec.PROVIDERS
              + ")");
    }
    if (!dev.tuner.spec.TunerSpec.PROVIDERS.contains(provider)) {
      throw new UsageException(
          "--provider: '" + provider + "' is not one of " + dev.tuner.spec.TunerSpec.PROVIDERS);
    }
    String model = cli.model() != null ? cli.model() : spec.model();
    if (model == null || model.isBlank()) {
      throw new UsageException(
          "the llm proposer needs a model: --model or optimize.proposer.llm.model");
    }
    String baseUrl = cli.baseUrl() != null ? cli.baseUrl() : spec.baseUrl();
    if (baseUrl == null && provider.equals("openai-compatible")) {
      throw new UsageException(
          "provider openai-compatible needs --base-url or optimize.proposer.llm.baseUrl"
              + " (e.g. http://localhost:8000/v1)");
    }
    String keyEnv =
        cli.apiKeyEnv() != null
            ? cli.apiKeyEnv()
            : spec.apiKeyEnv() != null
                ? spec.apiKeyEnv()
                : switch (provider) {
                  case "openai" -> "OPENAI_API_KEY";
                  case "anthropic" -> "ANTHROPIC_API_KEY";
                  default -> null;
                };
    String key = null;
    if (keyEnv != null) {
      key = env.get(keyEnv);
      if (key == null || key.isBlank()) {
        throw new UsageException(
            "the environment variable "
                + keyEnv
                + " (optimize.proposer.llm.apiKeyEnv or"
                + " --api-key-env) is not set: export it with your "
                + provider
                + " API key");
      }
    }
    Price price =
        provider.equals("ollama") && Prices.of(model, spec.prices()) == null
            ? new Price(0.0, 0.0)
            : Prices.of(model, spec.prices());
    return new LlmSettings(
        provider,
        model,
        baseUrl,
        keyEnv,
        key,
        spec.temperature(),
        spec.maxTokens(),
        Duration.ofSeconds(spec.timeoutSeconds()),
        spec.retries(),
        Duration.ofMillis(spec.retryBackoffMillis()),
        price);
  }

  /**
   * Why the cost of this model's answers cannot be counted (no price known), with how to give its
   * price; null when it can.
   */
  public String unknownPrice() {
    if (price != null) {
      return null;
    }
    return "model '"
        + model
        + "' has no known price; give it in tuner.yaml as optimize.proposer.llm.prices:"
        + " {\""
        + model
        + "\": {input: USD, output: USD}} (per million tokens, 0 for a local model)";
  }

  /** The one line the run starts with: provider, model, price (or that it is unknown), limits. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "llm proposer: %s %s%s, %s, up to %d tokens an answer%s",
        provider,
        model,
        baseUrl == null ? "" : " at " + baseUrl,
        price == null
            ? "price unknown (tokens are logged, the cost is not counted)"
            : String.format(
                Locale.ROOT,
                "$%.2f/$%.2f per million tokens in/out",
                price.input(),
                price.output()),
        maxTokens,
        apiKeyEnv == null ? "" : ", key from $" + apiKeyEnv);
  }

  /** {@code text} with the API key replaced, for anything that may be printed or logged. */
  public String redact(String text) {
    if (text == null || apiKey == null || apiKey.length() < 4) {
      return text;
    }
    return text.replace(apiKey, "<" + apiKeyEnv + ">");
  }

  @Override
  public String toString() {
    return "LlmSettings[provider="
        + provider
        + ", model="
        + model
        + ", baseUrl="
        + baseUrl
        + ", apiKeyEnv="
        + apiKeyEnv
        + ", maxTokens="
        + maxTokens
        + ", retries="
        + retries
        + "]";
  }
}

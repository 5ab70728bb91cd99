package dev.tuner.spec;

import dev.tuner.harness.spec.Contract;
import java.util.List;
import java.util.Map;

/**
 * How {@code tuner optimize} runs: budgets, stop rules, phases and the proposer. Every field has a
 * default; command-line flags override them for one run.
 *
 * @param maxExperiments tries after the baseline (default 20)
 * @param maxWallMinutes wall-clock budget for the whole run (default: none)
 * @param maxCostUsd proposer spending cap (default: none)
 * @param plateau stop after this many consecutive tries that were not kept (default 8)
 * @param targetMs stop once the best's primary metric (ms, geometric mean over cases) is at or
 *     below it
 * @param exploreEvery every Nth try is kept if parity holds, whatever its speed (default 0: never)
 * @param timeoutFactor a stage may take this many times the baseline's time for it (default 2)
 * @param minStageSeconds no stage's deadline is shorter, however quick the baseline's stage was
 *     (default 120: a loaded machine is slow)
 * @param phases phases in order, each with its own call contracts (default: one phase, the spec's
 *     contracts)
 * @param profile whether the baseline and the final best are profiled (a flight recording in JVMs
 *     of their own) for the report's flame graphs, and each new best for a proposer whose prompt
 *     shows the hottest frames (default true)
 */
public record OptimizeSpec(
    Integer maxExperiments,
    Integer maxWallMinutes,
    Double maxCostUsd,
    Integer plateau,
    Double targetMs,
    Integer exploreEvery,
    Double timeoutFactor,
    Integer minStageSeconds,
    List<PhaseSpec> phases,
    ProposerSpec proposer,
    Boolean profile) {

  public static final OptimizeSpec DEFAULTS =
      new OptimizeSpec(null, null, null, null, null, null, null, null, null, null, null);

  public OptimizeSpec {
    maxExperiments = maxExperiments == null ? 20 : maxExperiments;
    plateau = plateau == null ? 8 : plateau;
    exploreEvery = exploreEvery == null ? 0 : exploreEvery;
    timeoutFactor = timeoutFactor == null ? 2.0 : timeoutFactor;
    minStageSeconds = minStageSeconds == null ? 120 : minStageSeconds;
    phases =
        phases == null || phases.isEmpty()
            ? List.of(new PhaseSpec("1", null, null))
            : List.copyOf(phases);
    proposer = proposer == null ? new ProposerSpec(null, null, null, null, null) : proposer;
    profile = profile == null || profile;
  }

  /**
   * One phase of a run. A phase ends after its own {@code maxExperiments}, or on a plateau; the
   * last phase runs until the run's budget ends.
   *
   * @param contracts call contracts per upstream for this phase, over the spec's defaults
   */
  public record PhaseSpec(String name, Integer maxExperiments, Map<String, Contract> contracts) {
    public PhaseSpec {
      contracts = contracts == null ? Map.of() : Map.copyOf(contracts);
    }
  }

  /**
   * Which proposer makes changes.
   *
   * @param kind {@code patches}, {@code command} or {@code llm}
   * @param patches the directory of a patch queue (unified diffs, or a {@code refs.txt} of git
   *     refs)
   * @param command a shell command run in the working tree with the prompt in {@code
   *     $TUNER_PROMPT_FILE}
   * @param timeoutSeconds how long one proposal may take (default 600)
   * @param llm the model the {@code llm} proposer asks
   */
  public record ProposerSpec(
      String kind, String patches, String command, Integer timeoutSeconds, LlmSpec llm) {
    public ProposerSpec {
      timeoutSeconds = timeoutSeconds == null ? 600 : timeoutSeconds;
      llm = llm == null ? LlmSpec.DEFAULTS : llm;
    }
  }

  /**
   * The {@code llm} proposer's model and limits. The API key itself never appears here: only the
   * name of the environment variable that holds it.
   *
   * @param provider {@code openai}, {@code anthropic}, {@code ollama} or {@code openai-compatible}
   * @param model the provider's model name
   * @param baseUrl the endpoint (required for {@code openai-compatible}; provider default
   *     otherwise)
   * @param apiKeyEnv the environment variable holding the API key (default per provider; none for
   *     ollama)
   * @param temperature sampling temperature (default: not sent, the model's own; reasoning models
   *     accept no other)
   * @param maxTokens the most output tokens one answer may use (default 4096)
   * @param timeoutSeconds one request's time limit (default 180)
   * @param retries how many times a 429, 5xx or timeout is retried before the try fails (default 3)
   * @param retryBackoffMillis the wait before the first retry, doubled for each further one
   *     (default 2000)
   * @param prices USD per million input and output tokens, by model name, over the built-in table
   */
  public record LlmSpec(
      String provider,
      String model,
      String baseUrl,
      String apiKeyEnv,
      Double temperature,
      Integer maxTokens,
      Integer timeoutSeconds,
      Integer retries,
      Integer retryBackoffMillis,
      Map<String, Price> prices) {

    public static final LlmSpec DEFAULTS =
        new LlmSpec(null, null, null, null, null, null, null, null, null, null);

    public LlmSpec {
      maxTokens = maxTokens == null ? 4096 : maxTokens;
      timeoutSeconds = timeoutSeconds == null ? 180 : timeoutSeconds;
      retries = retries == null ? 3 : retries;
      retryBackoffMillis = retryBackoffMillis == null ? 2000 : retryBackoffMillis;
      prices = prices == null ? Map.of() : Map.copyOf(prices);
    }
  }

  /** USD per million tokens. */
  public record Price(Double input, Double output) {}
}

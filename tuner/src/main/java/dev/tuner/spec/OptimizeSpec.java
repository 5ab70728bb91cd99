package dev.tuner.spec;

import dev.tuner.harness.spec.Contract;
import java.util.List;
import java.util.Map;

/**
 * How {@code tuner optimize} runs: budgets, stop rules, phases and the proposer. Every field has a default;
 * command-line flags override them for one run.
 *
 * @param maxExperiments tries after the baseline (default 20)
 * @param maxWallMinutes wall-clock budget for the whole run (default: none)
 * @param maxCostUsd proposer spending cap (default: none)
 * @param plateau stop after this many consecutive tries that were not kept (default 8)
 * @param targetMs stop once the best's primary metric (ms, geometric mean over cases) is at or below it
 * @param exploreEvery every Nth try is kept if parity holds, whatever its speed (default 0: never)
 * @param timeoutFactor a stage may take this many times the baseline's time for it (default 2)
 * @param phases phases in order, each with its own call contracts (default: one phase, the spec's contracts)
 */
public record OptimizeSpec(
    Integer maxExperiments,
    Integer maxWallMinutes,
    Double maxCostUsd,
    Integer plateau,
    Double targetMs,
    Integer exploreEvery,
    Double timeoutFactor,
    List<PhaseSpec> phases,
    ProposerSpec proposer) {

  public static final OptimizeSpec DEFAULTS = new OptimizeSpec(null, null, null, null, null, null, null, null, null);

  public OptimizeSpec {
    maxExperiments = maxExperiments == null ? 20 : maxExperiments;
    plateau = plateau == null ? 8 : plateau;
    exploreEvery = exploreEvery == null ? 0 : exploreEvery;
    timeoutFactor = timeoutFactor == null ? 2.0 : timeoutFactor;
    phases = phases == null || phases.isEmpty() ? List.of(new PhaseSpec("1", null, null)) : List.copyOf(phases);
    proposer = proposer == null ? new ProposerSpec(null, null, null, null) : proposer;
  }

  /**
   * One phase of a run. A phase ends after its own {@code maxExperiments}, or on a plateau; the last phase
   * runs until the run's budget ends.
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
   * @param kind {@code patches} or {@code command}
   * @param patches the directory of a patch queue (unified diffs, or a {@code refs.txt} of git refs)
   * @param command a shell command run in the working tree with the prompt in {@code $TUNER_PROMPT_FILE}
   * @param timeoutSeconds how long one proposal may take (default 600)
   */
  public record ProposerSpec(String kind, String patches, String command, Integer timeoutSeconds) {
    public ProposerSpec {
      timeoutSeconds = timeoutSeconds == null ? 600 : timeoutSeconds;
    }
  }
}

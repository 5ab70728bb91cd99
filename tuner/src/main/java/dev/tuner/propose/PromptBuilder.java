package dev.tuner.propose;

import dev.tuner.harness.spec.Contract;
import dev.tuner.log.Record;
import dev.tuner.spec.ScopeSpec;
import dev.tuner.spec.TunerSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one prompt every proposer that reads text gets (an external agent now, the LLM proposer later):
 * objective, constraints, scope, the recent experiments with what was learned from each, and the ideas
 * parked so far.
 */
public final class PromptBuilder {

  private static final int HISTORY = 12;

  private final TunerSpec spec;

  public PromptBuilder(TunerSpec spec) {
    this.spec = spec;
  }

  /**
   * @param contracts the call contracts of the current phase, per upstream
   * @param history this segment's experiment records, oldest first
   */
  public String build(int run, String phase, Map<String, Contract> contracts, List<Record.Experiment> history,
      String ideas, String lastFailure) {
    StringBuilder p = new StringBuilder();
    p.append("# Task: experiment ").append(run).append(" of a performance optimisation loop\n\n");
    p.append("## Objective\n").append(spec.objective() == null ? "Make the hot path faster." : spec.objective().strip())
        .append("\n\nThe primary metric is ").append(spec.metric().primary().name().toLowerCase(Locale.ROOT))
        .append(" latency per case under replay (lower is better). A change is kept only if p50 and p95 both improve by more than ")
        .append(String.format(Locale.ROOT, "%.1f%%", 100 * spec.metric().threshold()))
        .append(" with statistical evidence and allocation does not grow.\n\n");
    p.append("## Constraints (phase ").append(phase).append(")\n");
    p.append("- The output of every case must stay byte-identical to its golden (goldens/<case>.json).\n");
    contracts.forEach((upstream, contract) -> p.append("- Calls to `").append(upstream).append("`: ")
        .append(describe(contract)).append('\n'));
    p.append("- Make one focused change per experiment; describe it in one line.\n\n");
    p.append("## Scope\nYou may change only files matching:\n");
    spec.scope().include().forEach(glob -> p.append("- `").append(glob).append("`\n"));
    p.append("\nNever change (the change is rejected as scope_violation):\n");
    ScopeSpec.ALWAYS_FROZEN.forEach(glob -> p.append("- `").append(glob).append("`\n"));
    spec.scope().frozen().forEach(glob -> p.append("- `").append(glob).append("`\n"));
    p.append("\n## Recent experiments\n");
    List<Record.Experiment> recent = history.subList(Math.max(0, history.size() - HISTORY), history.size());
    if (recent.isEmpty()) {
      p.append("(none yet)\n");
    }
    for (Record.Experiment e : recent) {
      p.append("- run ").append(e.run()).append(" [").append(e.status()).append("] ").append(e.description());
      if (e.stats() != null && e.stats().get("p95") != null) {
        p.append(String.format(Locale.ROOT, " (p95 ratio %.3f)", e.stats().get("p95").ratio()));
      }
      if (e.asi() != null && e.asi().rollbackReason() != null) {
        p.append(" — ").append(e.asi().rollbackReason());
      }
      p.append('\n');
    }
    if (lastFailure != null && !lastFailure.isBlank()) {
      p.append("\n## Evidence from the last failure\n```\n").append(lastFailure.strip()).append("\n```\n");
    }
    p.append("\n## Ideas backlog\n").append(ideas == null || ideas.isBlank() ? "(empty)\n" : ideas);
    p.append("\nIdeas that break the current constraints can be parked for later instead of tried.\n");
    return p.toString();
  }

  private static String describe(Contract contract) {
    return switch (contract) {
      case EXACT -> "exactly the recorded calls (no caching, batching or skipping)";
      case NO_INCREASE -> "no more calls than recorded (fewer is allowed)";
      case FREE -> "any number, as long as each matches a recorded request";
    };
  }
}

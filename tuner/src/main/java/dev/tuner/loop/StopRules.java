package dev.tuner.loop;

import dev.tuner.log.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * When a run stops (budgets before a try; plateau, breakages, target after one) and when it moves
 * to its next phase (the phase's own budget, or a plateau within it).
 *
 * <p>The plateau counts only tries that were benchmarked and did not beat the best ({@code
 * discard}, {@code explore}): a patch that does not apply, fails parity or leaves the scope says
 * nothing about whether the search has run dry, so it neither counts nor breaks the streak. A patch
 * queue is a list the user wrote out: it runs to its end unless they set {@code --plateau}.
 */
final class StopRules {

  private final LoopOptions options;
  private final Clock clock;
  private final boolean plateau;

  /**
   * @param queue whether the proposer is a finite queue ({@link
   *     dev.tuner.propose.Proposer#finiteQueue()}): then only an explicit plateau applies
   */
  StopRules(LoopOptions options, Clock clock, boolean queue) {
    this.options = options;
    this.clock = clock;
    this.plateau = options.plateauSet() || !queue;
  }

  /** Why no further try may start; null when one may. */
  String beforeTry(RunState s) {
    if (s.attempts >= options.maxExperiments()) {
      return "budget: " + options.maxExperiments() + " experiments done";
    }
    if (options.maxWall() != null
        && Duration.between(s.started, clock.instant()).compareTo(options.maxWall()) >= 0) {
      return "budget: wall time of " + options.maxWall().toMinutes() + " min used";
    }
    if (options.maxCostUsd() != null && s.cost >= options.maxCostUsd()) {
      return String.format(
          Locale.ROOT, "budget: cost $%.2f reached the cap of $%.2f", s.cost, options.maxCostUsd());
    }
    return null;
  }

  /** Counts a finished try; true when it moved the run to its next phase. */
  boolean count(RunState s, Status status) {
    s.triesInPhase++;
    if (status == Status.KEEP) {
      s.plateauStreak = 0;
    } else if (status == Status.DISCARD || status == Status.EXPLORE) {
      s.plateauStreak++;
    }
    if (status != Status.CANCELLED) { // a cancelled try says nothing about the loop's health
      s.breakages = status.isBreakage() ? s.breakages + 1 : 0;
    }
    Integer phaseBudget = s.phase().maxExperiments();
    boolean phaseDone = (phaseBudget != null && s.triesInPhase >= phaseBudget) || plateauReached(s);
    if (phaseDone && s.phaseIndex + 1 < s.spec.optimize().phases().size()) {
      s.phaseIndex++;
      s.triesInPhase = 0;
      s.plateauStreak = 0;
      return true;
    }
    return false;
  }

  /** Why the run stops after this try; null when it goes on. */
  String afterTry(RunState s) {
    if (aborted(s)) {
      return "aborted: "
          + LoopOptions.MAX_BREAKAGES
          + " crashes, build or proposer failures in a row;"
          + " the last: "
          + s.history.get(s.history.size() - 1).asi().rollbackReason();
    }
    if (plateauReached(s)) {
      return "plateau: " + options.plateau() + " benchmarked tries in a row did not beat the best";
    }
    if (options.targetMs() != null && s.primary(s.bestNumbers) <= options.targetMs()) {
      return String.format(
          Locale.ROOT,
          "target reached: %.2f ms <= %.2f ms",
          s.primary(s.bestNumbers),
          options.targetMs());
    }
    return null;
  }

  private boolean plateauReached(RunState s) {
    return plateau && s.plateauStreak >= options.plateau();
  }

  /** Whether the environment looks broken: a crash, build or proposer failure, several in a row. */
  boolean aborted(RunState s) {
    return s.breakages >= LoopOptions.MAX_BREAKAGES;
  }
}

package dev.tuner.record;

import dev.tuner.bench.BenchStage;
import dev.tuner.log.Asi;
import dev.tuner.log.Diff;
import dev.tuner.log.Status;
import dev.tuner.log.WallTime;
import dev.tuner.propose.Proposal;

/**
 * What one experiment did, from its proposal to its status: everything its log record and commit
 * trailers are made of.
 *
 * @param parent the best the proposal started from
 * @param commit the try's commit (a refused change is committed too); null when nothing changed
 * @param decision the keep rule's verdict; null when a stage stopped the try before the benchmark
 */
public record Trial(
    int run,
    String parent,
    String phase,
    Proposal proposal,
    String commit,
    Diff diff,
    Status status,
    Asi asi,
    BenchStage.Decision decision,
    WallTime wall) {

  /** The proposal's description, or a placeholder that names the run. */
  public String description() {
    return proposal.description() == null ? "proposal " + run : proposal.description();
  }

  /** This trial with the seconds spent profiling the best before it was proposed. */
  public Trial withProfile(Double seconds) {
    return new Trial(
        run,
        parent,
        phase,
        proposal,
        commit,
        diff,
        status,
        asi,
        decision,
        wall.withProfile(seconds));
  }

  /** This trial with its commit renamed (the message was amended). */
  Trial withCommit(String id) {
    return new Trial(run, parent, phase, proposal, id, diff, status, asi, decision, wall);
  }
}

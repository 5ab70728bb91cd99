package dev.tuner.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.log.Status;
import dev.tuner.spec.MinimalSpec;
import dev.tuner.spec.TunerSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plateau counts benchmarked tries that did not beat the best, and a patch queue runs out. */
class StopRulesTest {

  @TempDir Path dir;

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

  RunState state() throws Exception {
    TunerSpec spec = MinimalSpec.load(dir, MinimalSpec.TEXT);
    RunState s = new RunState(spec);
    s.started = CLOCK.instant();
    return s;
  }

  LoopOptions options() throws Exception {
    TunerSpec spec = MinimalSpec.load(dir, MinimalSpec.TEXT);
    return LoopOptions.from(spec.optimize(), "t", false).withMaxExperiments(100);
  }

  /** Counts each try as the loop does; returns the stop reason after the last one, or null. */
  static String run(StopRules rules, RunState s, List<Status> statuses) {
    String stop = null;
    for (Status status : statuses) {
      s.attempts++;
      rules.count(s, status);
      stop = rules.afterTry(s);
      if (stop != null) {
        return stop;
      }
    }
    return stop;
  }

  @Test
  void triesThatWereNeverBenchmarkedDoNotCountTowardsThePlateau() throws Exception {
    StopRules rules = new StopRules(options().withPlateau(3), CLOCK, false);
    RunState s = state();
    // Two discards, then patches that did not apply, failed parity or left the scope: not a
    // plateau.
    String stop =
        run(
            rules,
            s,
            List.of(
                Status.DISCARD,
                Status.DISCARD,
                Status.INVALID_PROPOSAL,
                Status.PARITY_FAILED,
                Status.SCOPE_VIOLATION,
                Status.CALLS_CHANGED,
                Status.TIMEOUT));
    assertThat(stop).isNull();
    assertThat(s.plateauStreak).isEqualTo(2);
    assertThat(run(rules, s, List.of(Status.DISCARD)))
        .isEqualTo("plateau: 3 benchmarked tries in a row did not beat the best");
  }

  @Test
  void aKeepStartsTheCountAgain() throws Exception {
    StopRules rules = new StopRules(options().withPlateau(2), CLOCK, false);
    RunState s = state();
    assertThat(run(rules, s, List.of(Status.DISCARD, Status.KEEP, Status.DISCARD))).isNull();
    assertThat(run(rules, s, List.of(Status.EXPLORE))).startsWith("plateau: 2");
  }

  @Test
  void aPatchQueueRunsToItsEndUnlessThePlateauWasSetExplicitly() throws Exception {
    List<Status> sixteen = java.util.Collections.nCopies(16, Status.DISCARD);
    RunState queue = state();
    assertThat(run(new StopRules(options(), CLOCK, true), queue, sixteen)).isNull();
    assertThat(queue.attempts).isEqualTo(16);

    RunState otherProposer = state();
    assertThat(run(new StopRules(options(), CLOCK, false), otherProposer, sixteen))
        .as("the default plateau (8) holds for proposers that are not a queue")
        .startsWith("plateau: 8");
    assertThat(otherProposer.attempts).isEqualTo(8);

    RunState asked = state();
    assertThat(run(new StopRules(options().withPlateau(5), CLOCK, true), asked, sixteen))
        .startsWith("plateau: 5");
    assertThat(asked.attempts).isEqualTo(5);
  }
}

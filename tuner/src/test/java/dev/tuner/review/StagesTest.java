package dev.tuner.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.tuner.log.WallTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a run's time went, stage by stage, from the log's {@code wall_s}. */
class StagesTest {

  private static final WallTime BASELINE = new WallTime(null, 10.0, 3.0, 60.0);

  @Test
  void aTimedWarmupIsAStageOfItsOwnAndTheBaselinesBenchmarkCountsAsMeasuring() {
    WallTime kept = new WallTime(1.0, 5.0, 2.0, 40.0, 15.0, 25.0);
    WallTime discarded = new WallTime(1.0, 7.0, 2.0, 30.0, 17.0, 13.0);
    WallTime refused = new WallTime(0.0, null, null, null);

    Summary.Stages s =
        Summary.Stages.of(
            List.of(BASELINE, kept, discarded, refused), List.of(kept, discarded, refused), 40.0);

    assertThat(s.total())
        .containsExactly(
            entry("propose", 2.0),
            entry("build", 22.0),
            entry("parity", 7.0),
            entry("warm-up", 32.0),
            entry("measure", 98.0));
    assertThat(s.median())
        .containsExactly(
            entry("propose", 1.0),
            entry("build", 6.0),
            entry("parity", 2.0),
            entry("warm-up", 16.0),
            entry("measure", 19.0));
    assertThat(s.seconds()).isEqualTo(161.0);
  }

  @Test
  void aLogWrittenBeforeWarmupWasTimedReadsAsOneBenchStage() {
    WallTime old = new WallTime(1.0, 5.0, 2.0, 40.0);

    Summary.Stages s = Summary.Stages.of(List.of(BASELINE, old), List.of(old), null);

    assertThat(s.total()).containsOnlyKeys("propose", "build", "parity", "bench");
    assertThat(s.total()).containsEntry("bench", 100.0);
    assertThat(s.median()).containsEntry("bench", 40.0);
  }

  @Test
  void theBestsProfileIsCountedAsTheFirstStageOfTheTryAfterIt() {
    WallTime afterAKeep = new WallTime(1.0, 5.0, 2.0, 40.0, 15.0, 25.0).withProfile(60.0);
    WallTime afterADiscard = new WallTime(1.0, 7.0, 2.0, 30.0, 17.0, 13.0).withProfile(0.0);

    Summary.Stages s =
        Summary.Stages.of(
            List.of(BASELINE, afterAKeep, afterADiscard), List.of(afterAKeep, afterADiscard), null);

    assertThat(s.total().keySet()).first().isEqualTo("profile");
    assertThat(s.total()).containsEntry("profile", 60.0);
    assertThat(s.median()).containsEntry("profile", 30.0);
    assertThat(s.seconds()).isEqualTo(73.0 + 108.0 + 40.0);
  }

  @Test
  void theStagesOfATryAddUpToItsTotal() {
    WallTime w = new WallTime(1.0, 5.0, 2.0, 40.0, 15.0, 25.0).withProfile(12.0);
    assertThat(w.stages().values().stream().mapToDouble(Double::doubleValue).sum())
        .isEqualTo(w.total());
  }
}

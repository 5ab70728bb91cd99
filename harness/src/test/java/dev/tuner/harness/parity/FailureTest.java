package dev.tuner.harness.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FailureTest {

  static final Set<Failure.Kind> ABOUT_CALLS =
      EnumSet.of(
          Failure.Kind.UNMATCHED_REQUEST, Failure.Kind.UNUSED_STUB, Failure.Kind.CALLS_CHANGED);

  @ParameterizedTest
  @EnumSource(Failure.Kind.class)
  void onlyUnmatchedRequestsUnusedStubsAndChangedCountsAreAboutCalls(Failure.Kind kind) {
    assertThat(kind.isAboutCalls()).isEqualTo(ABOUT_CALLS.contains(kind));
  }

  @Test
  void outputFixtureAndHotPathFailuresAreNotAboutCalls() {
    assertThat(
            EnumSet.of(
                Failure.Kind.FIXTURE_TAMPERED,
                Failure.Kind.STALE_RECORDING,
                Failure.Kind.HOT_PATH_FAILED,
                Failure.Kind.OUTPUT_MISMATCH,
                Failure.Kind.NO_GOLDEN))
        .noneMatch(Failure.Kind::isAboutCalls);
  }

  @Test
  void aFailureReadsAsItsMessage() {
    Failure failure =
        new Failure(Failure.Kind.CALLS_CHANGED, "catalog: 2 call(s), recorded 1 (contract exact)");

    assertThat(failure).hasToString("catalog: 2 call(s), recorded 1 (contract exact)");
  }
}

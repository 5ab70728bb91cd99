package dev.tuner.harness.parity;

/** One reason a case failed parity. */
public record Failure(Kind kind, String message) {

  /**
   * What kind of evidence failed; the tuner maps output kinds to parity_failed and call kinds to
   * calls_changed.
   */
  public enum Kind {
    FIXTURE_TAMPERED,
    STALE_RECORDING,
    UNMATCHED_REQUEST,
    UNUSED_STUB,
    CALLS_CHANGED,
    HOT_PATH_FAILED,
    OUTPUT_MISMATCH,
    NO_GOLDEN;

    public boolean isAboutCalls() {
      return this == UNMATCHED_REQUEST || this == UNUSED_STUB || this == CALLS_CHANGED;
    }
  }

  @Override
  public String toString() {
    return message;
  }
}

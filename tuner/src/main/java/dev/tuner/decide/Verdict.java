package dev.tuner.decide;

import java.util.Locale;

/** What one comparison says about the candidate B against the current best A. */
public enum Verdict {
  /** The whole interval of the ratio B/A lies below 1 − δ. */
  IMPROVED,
  /** The whole interval of the ratio B/A lies above 1 + δ. */
  REGRESSED,
  /** Anything else: no change beyond δ was shown. */
  SAME;

  /** The name in logs and reports: {@code improved}, {@code regressed} or {@code same}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return label();
  }
}

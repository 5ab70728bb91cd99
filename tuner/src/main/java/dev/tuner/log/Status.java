package dev.tuner.log;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The outcome of one try, as written in the log ({@code ../shared/DESIGN.md} §4). */
public enum Status {
  BASELINE,
  KEEP,
  DISCARD,
  PARITY_FAILED,
  CALLS_CHANGED,
  SCOPE_VIOLATION,
  BUILD_FAILED,
  CRASH,
  TIMEOUT,
  EXPLORE,
  INVALID_PROPOSAL,
  /**
   * The proposer produced nothing: its provider kept failing (429, 5xx, timeouts) past the retries.
   */
  PROPOSER_FAILED,
  /**
   * The proposer took its proposal back before the decision (an MCP client cancelled its {@code
   * evaluate}, or went away): the stage under way was stopped and nothing was decided.
   */
  CANCELLED;

  /** The status as the log writes it: {@code keep}, {@code parity_failed}, … */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status a log label names; an unknown label is a damaged record. */
  @JsonCreator
  public static Status of(String label) {
    return Arrays.stream(values())
        .filter(s -> s.label().equals(label))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown status '" + label + "'"));
  }

  @Override
  public String toString() {
    return label();
  }

  /** Whether the try became the new best. */
  public boolean advancesBest() {
    return this == BASELINE || this == KEEP || this == EXPLORE;
  }

  /** Failures that say the loop itself may be broken when they repeat. */
  public boolean isBreakage() {
    return this == CRASH || this == BUILD_FAILED || this == PROPOSER_FAILED;
  }
}

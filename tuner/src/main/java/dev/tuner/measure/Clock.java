package dev.tuner.measure;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** Which time of an operation a round's quantiles read. */
public enum Clock {
  /** Elapsed time: what a user waits. The default. */
  @JsonProperty("wall")
  WALL,
  /**
   * The operation's thread CPU time plus the collectors' time while it ran: what the change itself
   * costs, less of what a neighbour on the machine takes (it steals wall time, not CPU time). Blind
   * to time spent waiting (locks, I/O), which replayed hot paths rarely do.
   */
  @JsonProperty("cpu")
  CPU;

  /** The name in the spec, on the command line and in the log. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

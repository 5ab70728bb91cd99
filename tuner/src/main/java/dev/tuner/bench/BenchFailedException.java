package dev.tuner.bench;

import dev.tuner.error.EnvironmentException;

/**
 * A benchmark JVM failed: JMH or the in-JVM runner exited with an error, wrote nothing, or ran past
 * its time and was killed.
 */
public final class BenchFailedException extends EnvironmentException {

  /** The build of a comparison that failed: A (the reference, the loop's best) or B. */
  public enum Side {
    A,
    B
  }

  private final boolean timedOut;
  private final Side side;

  public BenchFailedException(String message) {
    this(message, false);
  }

  public BenchFailedException(String message, boolean timedOut) {
    this(message, timedOut, null);
  }

  public BenchFailedException(String message, Side side) {
    this(message, false, side);
  }

  private BenchFailedException(String message, boolean timedOut, Side side) {
    super(message);
    this.timedOut = timedOut;
    this.side = side;
  }

  /** Which build failed, when the benchmark could tell; null otherwise. */
  public Side side() {
    return side;
  }

  /**
   * True when it was killed for running past its time (a hot path that got much slower, or
   * endless).
   */
  public boolean timedOut() {
    return timedOut;
  }
}

package dev.tuner.bench;

import dev.tuner.error.EnvironmentException;

/**
 * A benchmark JVM failed: JMH or the in-JVM runner exited with an error, wrote nothing, or ran past
 * its time and was killed.
 */
public final class BenchFailedException extends EnvironmentException {

  private final boolean timedOut;

  public BenchFailedException(String message) {
    this(message, false);
  }

  public BenchFailedException(String message, boolean timedOut) {
    super(message);
    this.timedOut = timedOut;
  }

  /**
   * True when it was killed for running past its time (a hot path that got much slower, or
   * endless).
   */
  public boolean timedOut() {
    return timedOut;
  }
}

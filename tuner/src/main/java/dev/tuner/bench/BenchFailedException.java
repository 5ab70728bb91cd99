package dev.tuner.bench;

/** A benchmark JVM failed: JMH or the in-JVM runner exited with an error, or wrote nothing. */
public final class BenchFailedException extends Exception {

  public BenchFailedException(String message) {
    super(message);
  }
}

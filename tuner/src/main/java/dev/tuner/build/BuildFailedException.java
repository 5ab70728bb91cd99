package dev.tuner.build;

/** The spec's build command failed, timed out, or produced no artifact. */
public final class BuildFailedException extends Exception {

  public BuildFailedException(String message) {
    super(message);
  }
}

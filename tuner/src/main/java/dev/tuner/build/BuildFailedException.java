package dev.tuner.build;

import dev.tuner.error.EnvironmentException;

/** The spec's build command failed, timed out, or produced no output. */
public final class BuildFailedException extends EnvironmentException {

  public BuildFailedException(String message) {
    super(message);
  }
}

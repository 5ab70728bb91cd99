package dev.tuner.commit;

import dev.tuner.error.EnvironmentException;

/** The repository is in a state the tuner must not work in, or a git operation failed. */
public final class GitException extends EnvironmentException {

  public GitException(String message) {
    super(message);
  }

  public GitException(String message, Throwable cause) {
    super(message, cause);
  }
}

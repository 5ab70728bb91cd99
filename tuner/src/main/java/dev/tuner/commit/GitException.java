package dev.tuner.commit;

/** The repository is in a state the tuner must not work in, or a git operation failed. */
public final class GitException extends Exception {

  public GitException(String message) {
    super(message);
  }

  public GitException(String message, Throwable cause) {
    super(message, cause);
  }
}

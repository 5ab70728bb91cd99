package dev.tuner.harness;

/**
 * A failure the harness reports to its user rather than a bug: the message is printed as it is, and
 * {@link #exitCode()} says which {@link ExitCode} a command ends with, so an entry point needs one
 * catch instead of a list of exception types per code.
 */
public abstract class HarnessException extends Exception {

  private final int exitCode;

  protected HarnessException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  protected HarnessException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The {@link ExitCode} a command ends with when this is why it stopped. */
  public int exitCode() {
    return exitCode;
  }
}

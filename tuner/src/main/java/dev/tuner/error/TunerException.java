package dev.tuner.error;

/**
 * Every failure the tuner reports to its user: a message that names the file, key or step, and the
 * documented exit code (DESIGN §4). The command line maps them in one place; the engine only
 * throws.
 */
public abstract class TunerException extends Exception {

  private final int exitCode;

  protected TunerException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The process exit code this failure ends a command with. */
  public final int exitCode() {
    return exitCode;
  }
}

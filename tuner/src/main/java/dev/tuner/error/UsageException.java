package dev.tuner.error;

import dev.tuner.harness.ExitCode;

/** The command line, the spec or the repository's state does not allow the command (exit 2). */
public class UsageException extends TunerException {

  public UsageException(String message) {
    this(message, null);
  }

  public UsageException(String message, Throwable cause) {
    super(ExitCode.USAGE, message, cause);
  }
}

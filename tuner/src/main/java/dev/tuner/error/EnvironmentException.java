package dev.tuner.error;

import dev.tuner.harness.ExitCode;

/** Something around the code failed: a build, a benchmark JVM, git, the disk (exit 3). */
public class EnvironmentException extends TunerException {

  public EnvironmentException(String message) {
    this(message, null);
  }

  public EnvironmentException(String message, Throwable cause) {
    super(ExitCode.ENVIRONMENT, message, cause);
  }
}

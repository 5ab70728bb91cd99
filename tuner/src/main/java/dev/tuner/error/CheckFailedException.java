package dev.tuner.error;

import dev.tuner.harness.ExitCode;

/**
 * A check failed: the code does not match its recording, its goldens or its call contracts (exit
 * 1).
 */
public class CheckFailedException extends TunerException {

  public CheckFailedException(String message) {
    super(ExitCode.CHECK_FAILED, message, null);
  }
}

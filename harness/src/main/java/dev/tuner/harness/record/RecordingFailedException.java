package dev.tuner.harness.record;

import dev.tuner.harness.ExitCode;
import dev.tuner.harness.HarnessException;

/**
 * Recording a case failed for a reason outside the harness: the hot path threw, or gave no JSON.
 */
public final class RecordingFailedException extends HarnessException {

  public RecordingFailedException(String message, Throwable cause) {
    super(ExitCode.ENVIRONMENT, message, cause);
  }
}

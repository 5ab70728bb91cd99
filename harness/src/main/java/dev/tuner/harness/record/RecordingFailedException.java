package dev.tuner.harness.record;

/** Recording a case failed for a reason outside the harness: the hot path threw, or gave no JSON. */
public final class RecordingFailedException extends Exception {

  public RecordingFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}

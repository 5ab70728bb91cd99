package dev.tuner.parity;

import dev.tuner.error.CheckFailedException;

/** The code does not match its recording where it must (the baseline of a run): exit 1. */
public final class ParityFailedException extends CheckFailedException {

  public ParityFailedException(String message) {
    super(message);
  }
}

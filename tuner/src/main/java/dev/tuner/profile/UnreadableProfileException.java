package dev.tuner.profile;

import dev.tuner.error.UsageException;

/**
 * A profile file (a flight recording, or a collapsed-stack file) that cannot be read: the message
 * names the file (exit 2, like a corrupt fixture).
 */
public final class UnreadableProfileException extends UsageException {

  public UnreadableProfileException(String message, Throwable cause) {
    super(message, cause);
  }
}

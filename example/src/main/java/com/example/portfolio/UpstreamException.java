package com.example.portfolio;

import java.io.IOException;

/** An upstream answered, but not with what the scorer can use (an error status, a bad body). */
final class UpstreamException extends IOException {

  private static final long serialVersionUID = 1L;

  UpstreamException(String message) {
    super(message);
  }

  UpstreamException(String message, Throwable cause) {
    super(message, cause);
  }
}

package com.example.portfolio.upstream;

/** A request the service refuses: the HTTP status and the message for the JSON error body. */
final class ApiException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;

  ApiException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}

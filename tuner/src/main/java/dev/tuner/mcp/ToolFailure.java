package dev.tuner.mcp;

/**
 * A tool call that cannot be carried out as asked (no run open, another call under way, the run
 * ended): the message says why and what to call instead.
 */
final class ToolFailure extends Exception {
  ToolFailure(String message) {
    super(message);
  }
}

package dev.tuner.mcp;

/** A tool call's arguments are wrong: the message names the tool, the argument and the fault. */
final class BadArguments extends Exception {
  BadArguments(String message) {
    super(message);
  }
}

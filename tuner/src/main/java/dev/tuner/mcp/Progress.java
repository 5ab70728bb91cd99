package dev.tuner.mcp;

/**
 * Where a long call's progress goes: MCP progress notifications, when the client asked for them.
 */
@FunctionalInterface
interface Progress {

  Progress NONE = message -> {};

  void report(String message);
}

package dev.tuner.harness.spec;

/**
 * The code under test: a class implementing {@link dev.tuner.harness.HotPath}, with a no-arg
 * constructor.
 */
public record TargetSpec(String hotPath) {}

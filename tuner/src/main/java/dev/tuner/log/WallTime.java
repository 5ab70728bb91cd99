package dev.tuner.log;

/** Seconds spent per stage of a try; null for stages that did not run. */
public record WallTime(Double propose, Double build, Double parity, Double bench) {}

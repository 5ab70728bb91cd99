package dev.tuner.measure;

/** The latency quantiles of one fork of one case, in nanoseconds. */
public record Quantiles(double p50, double p95, double p99) {}

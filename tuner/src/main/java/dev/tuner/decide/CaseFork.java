package dev.tuner.decide;

/**
 * What the rule reads from one fork of one case.
 *
 * @param p50 median latency, ns
 * @param p95 95th percentile latency, ns
 * @param allocBytesPerOp bytes allocated per operation (0 when not measured)
 */
public record CaseFork(double p50, double p95, double allocBytesPerOp) {}

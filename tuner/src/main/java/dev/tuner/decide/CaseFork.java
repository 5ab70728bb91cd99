package dev.tuner.decide;

/**
 * What the rule reads from one fork of one case.
 *
 * @param p50 median latency, ns, on the clock the comparison reads
 * @param p95 95th percentile latency, ns, on the same clock
 * @param allocBytesPerOp bytes allocated per operation (0 when not measured)
 * @param wallP50 median wall-clock latency, ns: {@code p50} itself unless the comparison reads CPU
 *     time, which is blind to work moved to other threads and to waiting, so the rule checks the
 *     wall clock did not get worse
 */
public record CaseFork(double p50, double p95, double allocBytesPerOp, double wallP50) {

  /** A fork read on the wall clock. */
  public CaseFork(double p50, double p95, double allocBytesPerOp) {
    this(p50, p95, allocBytesPerOp, p50);
  }
}

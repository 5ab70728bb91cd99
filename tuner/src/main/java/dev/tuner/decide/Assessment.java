package dev.tuner.decide;

import java.util.List;

/**
 * The evidence for one keep-or-discard decision over a fixed set of forks.
 *
 * @param p50 median latency, geometric mean over cases, B vs A
 * @param p95 95th percentile latency, geometric mean over cases, B vs A
 * @param alloc bytes per op (floored), geometric mean over cases, B vs A
 * @param perCase p50 and p95 of each case, B vs A: for the report, not part of the rule
 * @param keep true iff p50 and p95 are both {@code improved} and alloc is not {@code regressed}
 * @param reason one line saying why
 */
public record Assessment(
    Comparison p50,
    Comparison p95,
    Comparison alloc,
    List<Comparison> perCase,
    boolean keep,
    String reason) {

  public Assessment {
    perCase = List.copyOf(perCase);
  }
}

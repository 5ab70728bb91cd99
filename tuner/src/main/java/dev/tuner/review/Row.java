package dev.tuner.review;

import dev.tuner.log.LogRecord;
import java.util.Set;

/**
 * One try as the review shows it: the record and its changes against the best it was compared with.
 *
 * @param p50 from the decision's statistics (ratio and interval); null when the try was not
 *     benchmarked
 * @param p95 likewise
 * @param primary the change of the segment's primary metric: the decision's when there is one, else
 *     the logged metric against the best before it (pi-autoresearch logs carry no statistics),
 *     without interval
 * @param level where the try stands on the chart: in a relative segment its primary metric as a
 *     percentage of the baseline's (chained from the decisions' ratios), else the logged metric;
 *     null when not measured
 * @param bestAfter the level of the best after this try (the running best), or null before any
 */
public record Row(
    LogRecord.Experiment experiment,
    Change p50,
    Change p95,
    Change primary,
    Double level,
    Double bestAfter) {

  /** Statuses that make a try the new best (the loop's {@code Status.advancesBest}). */
  static final Set<String> ADVANCING = Set.of("baseline", "keep", "explore");

  /** Statuses of tries that broke something: no measurement, nothing kept. */
  static final Set<String> FAILED =
      Set.of(
          "parity_failed",
          "calls_changed",
          "scope_violation",
          "build_failed",
          "crash",
          "timeout",
          "invalid_proposal",
          "checks_failed");

  public String status() {
    return experiment.status() == null ? "?" : experiment.status().label();
  }

  public boolean kept() {
    return "keep".equals(status()) || "explore".equals(status());
  }

  public boolean baseline() {
    return "baseline".equals(status());
  }

  public boolean failed() {
    return FAILED.contains(status());
  }

  /** The short commit, or "-". */
  public String shortCommit() {
    String c = experiment.commit();
    return c == null || c.isBlank() ? "-" : c.substring(0, Math.min(7, c.length()));
  }
}

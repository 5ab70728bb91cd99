package dev.tuner.bench;

import dev.tuner.decide.ForkSummary;
import java.util.Map;

/**
 * One replicate of both sides: a round of the in-JVM design (A and B interleaved in one JVM), or a
 * pair of forks of the fork design (a JMH fork of A, then one of B).
 *
 * @param index 1-based
 * @param endSeconds seconds from the start of the comparison (JVM start and warm-up included) until
 *     this replicate was complete
 * @param a each case's numbers on A
 * @param b each case's numbers on B
 * @param callsA case id → upstream → calls per operation on A
 * @param callsB the same on B
 */
public record Replicate(
    int index,
    double endSeconds,
    ForkSummary a,
    ForkSummary b,
    Map<String, Map<String, Double>> callsA,
    Map<String, Map<String, Double>> callsB) {

  public Replicate {
    callsA = Map.copyOf(callsA);
    callsB = Map.copyOf(callsB);
  }
}

package dev.tuner.bench;

import dev.tuner.decide.CaseFork;
import dev.tuner.decide.ForkSummary;
import dev.tuner.measure.Clock;
import dev.tuner.measure.QuantileEstimator;
import dev.tuner.measure.Quantiles;
import java.util.LinkedHashMap;
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
 * @param samples each operation's time, when the design measured them one by one (a round of the
 *     in-JVM design); null for a fork pair, whose quantiles JMH read
 */
public record Replicate(
    int index,
    double endSeconds,
    ForkSummary a,
    ForkSummary b,
    Map<String, Map<String, Double>> callsA,
    Map<String, Map<String, Double>> callsB,
    Samples samples) {

  public Replicate {
    callsA = Map.copyOf(callsA);
    callsB = Map.copyOf(callsB);
  }

  /** A replicate without per-operation times. */
  public Replicate(
      int index,
      double endSeconds,
      ForkSummary a,
      ForkSummary b,
      Map<String, Map<String, Double>> callsA,
      Map<String, Map<String, Double>> callsB) {
    this(index, endSeconds, a, b, callsA, callsB, null);
  }

  /**
   * Each side's operation times, case by case, in nanoseconds.
   *
   * @param a case id → A's operations, wall time
   * @param b the same for B
   * @param cpuA case id → A's operations, CPU time; empty when not measured
   * @param cpuB the same for B
   */
  public record Samples(
      Map<String, double[]> a,
      Map<String, double[]> b,
      Map<String, double[]> cpuA,
      Map<String, double[]> cpuB) {
    public Samples {
      a = Map.copyOf(a);
      b = Map.copyOf(b);
      cpuA = Map.copyOf(cpuA);
      cpuB = Map.copyOf(cpuB);
    }

    /** Whether CPU times were measured. */
    public boolean hasCpu() {
      return !cpuA.isEmpty() && !cpuB.isEmpty();
    }

    Samples swapped() {
      return new Samples(b, a, cpuB, cpuA);
    }
  }

  /** The same replicate with its sides' roles exchanged. */
  Replicate swapped(int newIndex) {
    return new Replicate(
        newIndex, endSeconds, b, a, callsB, callsA, samples == null ? null : samples.swapped());
  }

  /** The same replicate at another index. */
  Replicate at(int newIndex) {
    return new Replicate(newIndex, endSeconds, a, b, callsA, callsB, samples);
  }

  /**
   * The replicate with its quantiles read again from its operations on {@code clock} by {@code
   * quantiles} (allocation as measured); itself when it has no operations to read.
   *
   * @throws IllegalArgumentException for the CPU clock when CPU times were not measured
   */
  Replicate reread(QuantileEstimator quantiles, Clock clock) {
    if (samples == null) {
      return this;
    }
    if (clock == Clock.CPU && !samples.hasCpu()) {
      throw new IllegalArgumentException("the rounds hold no CPU times to read");
    }
    boolean cpu = clock == Clock.CPU;
    return new Replicate(
        index,
        endSeconds,
        reread(a, cpu ? samples.cpuA() : null, samples.a(), quantiles),
        reread(b, cpu ? samples.cpuB() : null, samples.b(), quantiles),
        callsA,
        callsB,
        samples);
  }

  private static ForkSummary reread(
      ForkSummary side,
      Map<String, double[]> cpu,
      Map<String, double[]> wall,
      QuantileEstimator quantiles) {
    Map<String, CaseFork> cases = new LinkedHashMap<>();
    side.cases()
        .forEach(
            (id, c) ->
                cases.put(
                    id,
                    caseFork(
                        cpu == null ? null : cpu.get(id),
                        wall.get(id),
                        c.allocBytesPerOp(),
                        quantiles)));
    return new ForkSummary(cases);
  }

  /**
   * One side's case in a round, read by {@code quantiles}: on CPU time when {@code cpuNanos} is
   * given, else on wall time; the wall clock's median is kept either way, for the rule's check that
   * the wall clock did not get worse.
   */
  static CaseFork caseFork(
      double[] cpuNanos, double[] wallNanos, double allocBytesPerOp, QuantileEstimator quantiles) {
    Quantiles wall = quantiles.quantiles(wallNanos);
    if (cpuNanos == null) {
      return new CaseFork(wall.p50(), wall.p95(), allocBytesPerOp);
    }
    Quantiles cpu = quantiles.quantiles(cpuNanos);
    return new CaseFork(cpu.p50(), cpu.p95(), allocBytesPerOp, wall.p50());
  }
}

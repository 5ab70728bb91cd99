package dev.tuner.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tuner.decide.Criterion;
import dev.tuner.decide.DecisionRule;
import dev.tuner.measure.Clock;
import dev.tuner.measure.QuantileEstimator;
import java.util.List;

/**
 * How to measure: the {@code benchmark:} section of {@code tuner.yaml}. Every key is optional; the
 * defaults suit a small, shared 2-core machine (see docs/design/decision-rule.md, and the
 * measurements behind them in docs/measurements/calibrate-2026-11-22.md).
 *
 * @param jvmArgs the benchmark JVMs' options; a fixed heap and the serial collector keep GC threads
 *     off the second core and GC work proportional to allocation
 * @param transport how replayed calls reach the hot path: {@code in-process} or {@code loopback}
 * @param jmh {@code tuner bench}'s JMH run (and {@code compare}'s with {@code design: forks})
 * @param compare how {@code tuner compare} and {@code tuner optimize} measure and decide
 * @param jvmOptionsFile a committed file of more JVM options, one per line ({@code #} comments),
 *     that the optimisation loop reads from each build's tree and merges over {@code jvmArgs} for
 *     that build's JVMs (the knob search's JVM knobs write it); optional
 */
public record BenchmarkSpec(
    List<String> jvmArgs, String transport, Jmh jmh, Compare compare, String jvmOptionsFile) {

  public static final BenchmarkSpec DEFAULTS = new BenchmarkSpec(null, null, null, null, null);

  public BenchmarkSpec {
    jvmArgs =
        jvmArgs == null ? List.of("-XX:+UseSerialGC", "-Xms1g", "-Xmx1g") : List.copyOf(jvmArgs);
    transport = transport == null ? "in-process" : transport;
    jmh = jmh == null ? Jmh.DEFAULTS : jmh;
    compare = compare == null ? Compare.DEFAULTS : compare;
  }

  /**
   * A JMH run of the case benchmark ({@code Mode.SampleTime}, {@code -prof gc}).
   *
   * @param benchmark the benchmark method in the artifact, with {@code @Param caseId} and {@code
   *     transport} (default {@code dev.tuner.benchmarks.CaseBenchmark.run})
   * @param forks JVMs per case (JMH {@code -f})
   * @param warmupIterations JMH {@code -wi}; the example's hot path needs about 10–15 s of JIT
   *     warm-up on 2 cores
   * @param warmupTime JMH {@code -w}, in JMH's syntax ({@code 500ms}, {@code 1s})
   * @param iterations JMH {@code -i}
   * @param iterationTime JMH {@code -r}
   */
  public record Jmh(
      String benchmark,
      Integer forks,
      Integer warmupIterations,
      String warmupTime,
      Integer iterations,
      String iterationTime) {

    public static final Jmh DEFAULTS = new Jmh(null, null, null, null, null, null);

    public Jmh {
      benchmark = benchmark == null ? "dev.tuner.benchmarks.CaseBenchmark.run" : benchmark;
      forks = forks == null ? 2 : forks;
      warmupIterations = warmupIterations == null ? 12 : warmupIterations;
      warmupTime = warmupTime == null ? "1s" : warmupTime;
      iterations = iterations == null ? 5 : iterations;
      iterationTime = iterationTime == null ? "2s" : iterationTime;
    }
  }

  /**
   * Measuring a candidate B against the current best A, and deciding.
   *
   * @param design {@code interleaved} (default): both builds in one JVM, each in its own class
   *     loader, operation by operation, a round of every case being one paired replicate; or {@code
   *     forks}: JMH forks of A and B alternating, a fork being one replicate
   * @param alpha the false-keep rate allowed per decision, over all looks (default 1%)
   * @param looks replicates per side (rounds, or forks) at which the sequential plan looks
   *     (default: interleaved 5, 9, 16, 40; forks 3, 6, 10)
   * @param warmupSeconds interleaved: the most warm-up may take (default 30: 20 A/A decisions at 30
   *     s kept none, with no bias; docs/measurements/throughput-2026-12-07.md)
   * @param warmup interleaved: {@code steady} (default), warm-up ends when the JVM is warm (the JIT
   *     quiet, rounds no longer getting faster) or at {@code warmupSeconds}; {@code fixed}, it
   *     always takes {@code warmupSeconds}
   * @param opsPerRound interleaved: operations per case and build in one round (default 20: as many
   *     A/A decisions kept none, and a round takes half the time of 40's)
   * @param criterion what p50 and p95 must show for a keep: {@code median-improved-tail-not-worse}
   *     (default, {@link DecisionRule#defaults()}) or {@code both-improved}
   * @param tailMargin for {@code median-improved-tail-not-worse}: how much slower p95 may be at
   *     most (default 0.03)
   * @param quantiles interleaved: how a round's quantiles are read, {@code order-statistic}
   *     (default) or {@code harrell-davis}
   * @param clock interleaved: which time of an operation is read, {@code cpu} (default: the
   *     thread's CPU time plus the collectors', which a neighbour on the machine or the JIT's
   *     threads do not add to; the wall clock where the benchmark JVMs measure no CPU time) or
   *     {@code wall}
   * @param keepWarm interleaved, in {@code optimize} and {@code calibrate}: keep the two benchmark
   *     JVMs between comparisons, the best loaded and warm, so only each candidate warms up
   *     (default false)
   * @param newJvmsAfter interleaved: the rounds after this many come from two new JVMs, so a close
   *     call that runs to the last look averages four JVMs' own offsets rather than two (default
   *     16; 0: every round in the same two JVMs)
   */
  public record Compare(
      Design design,
      Double alpha,
      List<Integer> looks,
      Integer warmupSeconds,
      Warmup warmup,
      Integer opsPerRound,
      Criterion criterion,
      Double tailMargin,
      QuantileEstimator quantiles,
      Clock clock,
      Boolean keepWarm,
      Integer newJvmsAfter) {

    public static final Compare DEFAULTS =
        new Compare(null, null, null, null, null, null, null, null, null, null, null, null);

    public Compare {
      design = design == null ? Design.INTERLEAVED : design;
      alpha = alpha == null ? 0.01 : alpha;
      looks = looks == null ? design.defaultLooks() : List.copyOf(looks);
      warmupSeconds = warmupSeconds == null ? 30 : warmupSeconds;
      warmup = warmup == null ? Warmup.STEADY : warmup;
      opsPerRound = opsPerRound == null ? 20 : opsPerRound;
      criterion = criterion == null ? DecisionRule.defaults().criterion() : criterion;
      tailMargin = tailMargin == null ? DecisionRule.defaults().tailMargin() : tailMargin;
      quantiles = quantiles == null ? QuantileEstimator.ORDER_STATISTIC : quantiles;
      clock = clock == null ? Clock.CPU : clock;
      keepWarm = keepWarm != null && keepWarm;
      newJvmsAfter = newJvmsAfter == null ? 16 : newJvmsAfter;
    }
  }

  /** How the interleaved design's warm-up ends (see the harness's {@code WarmupRule}). */
  public enum Warmup {
    @JsonProperty("steady")
    STEADY,
    @JsonProperty("fixed")
    FIXED;

    /** The name in the spec, on the command line and in reports. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Where the replicates of a comparison come from. */
  public enum Design {
    @JsonProperty("interleaved")
    INTERLEAVED(List.of(5, 9, 16, 40)),
    @JsonProperty("forks")
    FORKS(List.of(3, 6, 10));

    private final List<Integer> looks;

    Design(List<Integer> looks) {
      this.looks = looks;
    }

    public List<Integer> defaultLooks() {
      return looks;
    }

    /** The name in the spec, on the command line and in reports. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}

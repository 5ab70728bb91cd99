package dev.tuner.bench;

import dev.tuner.decide.DecisionRule;
import dev.tuner.decide.Pairing;
import dev.tuner.decide.SequentialPlan;
import dev.tuner.measure.Clock;
import dev.tuner.measure.QuantileEstimator;
import dev.tuner.spec.BenchmarkSpec;
import dev.tuner.spec.BenchmarkSpec.Design;
import dev.tuner.spec.BenchmarkSpec.Warmup;
import dev.tuner.spec.TunerSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What to measure and how to decide.
 *
 * @param rule δ, α, looks and the rest of the keep rule
 * @param sequential stop at the first look that decides; otherwise run every replicate of the last
 *     look and decide once, at the whole α
 * @param cases the case ids both sides run
 * @param jvmArgs the benchmark JVMs' options
 * @param warmupSeconds interleaved: the most warm-up before the first measured round
 * @param warmup interleaved: whether warm-up ends when the JVM is warm or at {@code warmupSeconds}
 * @param opsPerRound interleaved: operations per case and build in a round
 * @param quantiles interleaved: how a round's p50 and p95 are read off its operations
 * @param clock interleaved: which time of an operation they read
 * @param newJvmsAfter interleaved: the rounds after this many come from two new JVMs (0: none do)
 * @param jmh forks: each side's JMH run (its fork count is ignored: one per replicate)
 * @param workDir where benchmark JVMs run and write scratch files
 */
public record CompareSettings(
    Design design,
    DecisionRule rule,
    boolean sequential,
    List<String> cases,
    List<String> jvmArgs,
    String transport,
    int warmupSeconds,
    Warmup warmup,
    int opsPerRound,
    QuantileEstimator quantiles,
    Clock clock,
    int newJvmsAfter,
    JmhOptions jmh,
    Path workDir) {

  public CompareSettings {
    Objects.requireNonNull(design, "design");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(warmup, "warmup");
    Objects.requireNonNull(quantiles, "quantiles");
    Objects.requireNonNull(clock, "clock");
    cases = List.copyOf(cases);
    jvmArgs = List.copyOf(jvmArgs);
    if (newJvmsAfter < 0) {
      throw new IllegalArgumentException("newJvmsAfter must be at least 0, got " + newJvmsAfter);
    }
    if (cases.isEmpty()) {
      throw new IllegalArgumentException("a comparison needs at least one case");
    }
    // Fails early, naming the looks, when no look could ever keep at this α.
    new SequentialPlan(rule, pairing(design));
  }

  /**
   * The spec's settings: {@code benchmark:} for the design, looks, α and JVMs; {@code
   * metric.threshold} for δ.
   */
  public static CompareSettings of(TunerSpec spec, List<String> cases, Path workDir) {
    BenchmarkSpec b = spec.benchmark();
    DecisionRule rule =
        DecisionRule.defaults()
            .withThreshold(spec.metric().threshold())
            .withAlpha(b.compare().alpha())
            .withLooks(b.compare().looks())
            .withCriterion(b.compare().criterion(), b.compare().tailMargin());
    return new CompareSettings(
        b.compare().design(),
        rule,
        true,
        cases,
        b.jvmArgs(),
        b.transport(),
        b.compare().warmupSeconds(),
        b.compare().warmup(),
        b.compare().opsPerRound(),
        b.compare().quantiles(),
        b.compare().clock(),
        b.compare().newJvmsAfter(),
        JmhOptions.of(b),
        workDir);
  }

  /** Another design; the looks become that design's defaults unless {@code looks} is given. */
  public CompareSettings withDesign(Design d, List<Integer> looks) {
    return with(
        e -> {
          e.design = d;
          e.rule = rule.withLooks(looks == null ? d.defaultLooks() : looks);
        });
  }

  public CompareSettings withRule(DecisionRule r) {
    return with(e -> e.rule = r);
  }

  public CompareSettings withSequential(boolean s) {
    return with(e -> e.sequential = s);
  }

  /** Another warm-up cap and round size. */
  public CompareSettings withRounds(int warmupCap, int ops) {
    return with(
        e -> {
          e.warmupSeconds = warmupCap;
          e.opsPerRound = ops;
        });
  }

  public CompareSettings withWarmup(Warmup w) {
    return with(e -> e.warmup = w);
  }

  public CompareSettings withQuantiles(QuantileEstimator q) {
    return with(e -> e.quantiles = q);
  }

  public CompareSettings withClock(Clock c) {
    return with(e -> e.clock = c);
  }

  public CompareSettings withNewJvmsAfter(int rounds) {
    return with(e -> e.newJvmsAfter = rounds);
  }

  public CompareSettings withJmh(JmhOptions j) {
    return with(e -> e.jmh = j);
  }

  private CompareSettings with(Consumer<Edit> change) {
    Edit e = new Edit(this);
    change.accept(e);
    return e.settings();
  }

  /** A copy to change: the one place besides the record header that lists every component. */
  private static final class Edit {
    Design design;
    DecisionRule rule;
    boolean sequential;
    final List<String> cases;
    final List<String> jvmArgs;
    final String transport;
    int warmupSeconds;
    Warmup warmup;
    int opsPerRound;
    QuantileEstimator quantiles;
    Clock clock;
    int newJvmsAfter;
    JmhOptions jmh;
    final Path workDir;

    Edit(CompareSettings s) {
      design = s.design;
      rule = s.rule;
      sequential = s.sequential;
      cases = s.cases;
      jvmArgs = s.jvmArgs;
      transport = s.transport;
      warmupSeconds = s.warmupSeconds;
      warmup = s.warmup;
      opsPerRound = s.opsPerRound;
      quantiles = s.quantiles;
      clock = s.clock;
      newJvmsAfter = s.newJvmsAfter;
      jmh = s.jmh;
      workDir = s.workDir;
    }

    CompareSettings settings() {
      return new CompareSettings(
          design,
          rule,
          sequential,
          cases,
          jvmArgs,
          transport,
          warmupSeconds,
          warmup,
          opsPerRound,
          quantiles,
          clock,
          newJvmsAfter,
          jmh,
          workDir);
    }
  }

  /** The most replicates per side a comparison runs: the last look. */
  public int maxReplicates() {
    return rule.looks().get(rule.looks().size() - 1);
  }

  /** Whether the interleaved design starts two new JVMs for replicate {@code n} (from 1). */
  boolean newJvmsAt(int n) {
    return design == Design.INTERLEAVED && newJvmsAfter > 0 && n == newJvmsAfter + 1;
  }

  /** How the replicates of this design relate. */
  public Pairing pairing() {
    return pairing(design);
  }

  static Pairing pairing(Design design) {
    return design == Design.INTERLEAVED ? Pairing.PAIRED : Pairing.INDEPENDENT;
  }
}

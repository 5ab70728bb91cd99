package dev.tuner.bench;

import dev.tuner.decide.Assessment;
import dev.tuner.decide.ForkSummary;
import dev.tuner.decide.KeepRule;
import dev.tuner.decide.SequentialPlan;
import dev.tuner.decide.SequentialPlan.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Gathers a comparison's replicates and applies the plan after each, until it decides. */
final class Replicates {
  private final CompareSettings settings;
  private final long start;
  final AbComparison.Listener listener;
  private final List<ForkSummary> a = new ArrayList<>();
  private final List<ForkSummary> b = new ArrayList<>();
  private final List<Replicate> replicates = new ArrayList<>();
  private final SequentialPlan plan;
  private Action action;
  private int look;
  private Assessment assessment;
  private double decidedAt;
  private double warmupSeconds;
  private long warmingSince;
  private boolean steady; // every pair of JVMs was warm before its cap; false until one warmed up
  private int jvms;

  Replicates(CompareSettings settings, long start, AbComparison.Listener listener) {
    this.settings = settings;
    this.plan = new SequentialPlan(settings.rule(), settings.pairing());
    this.start = start;
    this.warmingSince = start;
    this.listener = listener;
  }

  /** Two more JVMs start: the time until {@link #warmedUp} is warm-up. */
  void warmingUp() {
    warmingSince = System.nanoTime();
  }

  /**
   * A pair of JVMs is warm: the time since the comparison started, or since {@link #warmingUp} (JVM
   * starts, loading both builds, warm-up rounds), is warm-up.
   *
   * @param steady whether both JVMs found themselves warm before their cap
   */
  void warmedUp(boolean steady) {
    long now = System.nanoTime();
    warmupSeconds += (now - warmingSince) / 1e9;
    this.steady = (jvms == 0 || this.steady) && steady;
    jvms += 2;
    listener.warmedUp((now - start) / 1e9, steady);
  }

  /** Adds a replicate; true once decided. */
  boolean add(
      ForkSummary ra,
      ForkSummary rb,
      Map<String, Map<String, Double>> callsA,
      Map<String, Map<String, Double>> callsB) {
    return add(ra, rb, callsA, callsB, null);
  }

  /** Adds a replicate with its operations' times (null: none); true once decided. */
  boolean add(
      ForkSummary ra,
      ForkSummary rb,
      Map<String, Map<String, Double>> callsA,
      Map<String, Map<String, Double>> callsB,
      Replicate.Samples samples) {
    a.add(ra);
    b.add(rb);
    double now = (System.nanoTime() - start) / 1e9;
    Replicate replicate = new Replicate(a.size(), now, ra, rb, callsA, callsB, samples);
    replicates.add(replicate);
    listener.replicate(replicate);
    int n = a.size();
    if (settings.sequential() && settings.rule().looks().contains(n)) {
      SequentialPlan.Step step = plan.next(a, b);
      listener.look(step);
      if (step.action() != Action.CONTINUE) {
        decide(step.action(), n, step.evidence().orElseThrow(), now);
      }
    } else if (!settings.sequential() && n == settings.maxReplicates()) {
      Assessment fixed = new KeepRule(settings.rule(), settings.pairing()).assess(a, b);
      decide(fixed.keep() ? Action.KEEP : Action.DISCARD, n, fixed, now);
    }
    return decided();
  }

  private void decide(Action act, int n, Assessment evidence, double now) {
    action = act;
    look = n;
    assessment = evidence;
    decidedAt = now;
  }

  boolean decided() {
    return action != null;
  }

  CompareOutcome outcome() throws BenchFailedException {
    if (!decided()) {
      throw new BenchFailedException("no decision after " + a.size() + " replicates");
    }
    return new CompareOutcome(
        settings.design(),
        action,
        look,
        assessment,
        replicates,
        decidedAt,
        warmupSeconds,
        steady,
        jvms,
        CompareOutcome.sides(replicates.subList(0, look)));
  }
}

package dev.tuner.decide;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Keep the candidate B only when p50 and p95 (geometric means over cases) are both {@code improved}
 * and allocation is not {@code regressed}.
 *
 * <p>Requiring both quantiles to reject at α is an intersection–union test: its false-keep rate is
 * at most α without any multiplicity correction. Allocation is compared on max(bytes, floor) with
 * the same δ; it can only veto.
 */
public final class KeepRule {

  private final DecisionRule rule;

  public KeepRule(DecisionRule rule) {
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  /** Assesses all the forks given at the rule's α (a fixed-size experiment, no looks). */
  public Assessment assess(List<ForkSummary> a, List<ForkSummary> b) {
    return assess(a, b, rule.alpha());
  }

  /** Assesses at the given α: the sequential plan spends a share of the rule's α per look. */
  public Assessment assess(List<ForkSummary> a, List<ForkSummary> b, double alpha) {
    ToDoubleFunction<CaseFork> alloc = c -> Math.max(c.allocBytesPerOp(), rule.allocFloorBytes());
    List<Comparison> perCase = new ArrayList<>();
    for (String id : Aggregate.commonCases(a, b)) {
      perCase.add(
          compare(
              "p50:" + id,
              Aggregate.ofCase(a, id, CaseFork::p50),
              Aggregate.ofCase(b, id, CaseFork::p50),
              alpha));
      perCase.add(
          compare(
              "p95:" + id,
              Aggregate.ofCase(a, id, CaseFork::p95),
              Aggregate.ofCase(b, id, CaseFork::p95),
              alpha));
    }
    Comparison p50 =
        compare(
            "p50",
            Aggregate.geometricMeans(a, CaseFork::p50),
            Aggregate.geometricMeans(b, CaseFork::p50),
            alpha);
    Comparison p95 =
        compare(
            "p95",
            Aggregate.geometricMeans(a, CaseFork::p95),
            Aggregate.geometricMeans(b, CaseFork::p95),
            alpha);
    Comparison allocation =
        compare(
            "alloc_bytes_per_op",
            Aggregate.geometricMeans(a, alloc),
            Aggregate.geometricMeans(b, alloc),
            alpha);

    boolean faster = p50.verdict() == Verdict.IMPROVED && p95.verdict() == Verdict.IMPROVED;
    boolean allocates = allocation.verdict() == Verdict.REGRESSED;
    return new Assessment(
        p50,
        p95,
        allocation,
        perCase,
        faster && !allocates,
        reason(p50, p95, allocation, faster, allocates));
  }

  private Comparison compare(String metric, double[] a, double[] b, double alpha) {
    return RatioTest.compare(metric, a, b, rule.threshold(), alpha);
  }

  private String reason(
      Comparison p50, Comparison p95, Comparison alloc, boolean faster, boolean allocates) {
    String beyond = String.format("%.3g%%", 100 * rule.threshold());
    if (faster && !allocates) {
      return "p50 and p95 improved beyond " + beyond + " and allocation did not grow";
    }
    List<String> why = new ArrayList<>();
    for (Comparison c : List.of(p50, p95)) {
      if (c.verdict() != Verdict.IMPROVED) {
        why.add(
            String.format(
                "%s %s (B/A %.4f, CI [%.4f, %.4f])",
                c.metric(), c.verdict(), c.ratio(), c.ciLow(), c.ciHigh()));
      }
    }
    if (allocates) {
      why.add(String.format("allocation regressed (B/A %.4f)", alloc.ratio()));
    }
    return String.join("; ", why);
  }
}

package dev.tuner.decide;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Keep the candidate B only when p50 and p95 (geometric means over cases) meet the rule's {@link
 * Criterion} (by default both {@code improved}) and allocation is not {@code regressed}.
 *
 * <p>Requiring every part to reject at α is an intersection–union test: its false-keep rate is at
 * most α without any multiplicity correction. Allocation is compared on max(bytes, floor) with the
 * same δ, and, when the forks were read on CPU time, the wall clock's p50 with the tail margin;
 * both can only veto.
 */
public final class KeepRule {

  private final DecisionRule rule;
  private final Pairing pairing;

  /** The rule for independent forks. */
  public KeepRule(DecisionRule rule) {
    this(rule, Pairing.INDEPENDENT);
  }

  /** The rule for forks related as {@code pairing} says. */
  public KeepRule(DecisionRule rule, Pairing pairing) {
    this.rule = Objects.requireNonNull(rule, "rule");
    this.pairing = Objects.requireNonNull(pairing, "pairing");
  }

  /** Assesses all the forks given at the rule's α (a fixed-size experiment, no looks). */
  public Assessment assess(List<ForkSummary> a, List<ForkSummary> b) {
    return assess(a, b, rule.alpha());
  }

  /** Assesses at the given α: the sequential plan spends a share of the rule's α per look. */
  public Assessment assess(List<ForkSummary> a, List<ForkSummary> b, double alpha) {
    Set<String> cases = Aggregate.commonCases(a, b);
    // One comparison of B against A, given how to read one value per fork from a side's forks.
    BiFunction<String, Function<List<ForkSummary>, double[]>, Comparison> compare =
        (metric, values) ->
            pairing.compare(metric, values.apply(a), values.apply(b), rule.threshold(), alpha);
    ToDoubleFunction<CaseFork> alloc = c -> Math.max(c.allocBytesPerOp(), rule.allocFloorBytes());

    List<Comparison> perCase = new ArrayList<>();
    for (String id : cases) {
      perCase.add(compare.apply("p50:" + id, forks -> Aggregate.ofCase(forks, id, CaseFork::p50)));
      perCase.add(compare.apply("p95:" + id, forks -> Aggregate.ofCase(forks, id, CaseFork::p95)));
    }
    Comparison p50 = compare.apply("p50", forks -> Aggregate.geometricMeans(forks, CaseFork::p50));
    Comparison p95 = compare.apply("p95", forks -> Aggregate.geometricMeans(forks, CaseFork::p95));
    Comparison allocation =
        compare.apply("alloc_bytes_per_op", forks -> Aggregate.geometricMeans(forks, alloc));

    // CPU time is blind to work moved to other threads and to waiting, so a change read on it must
    // also leave the wall clock's p50 no worse than the tail margin. On the wall clock the numbers
    // are p50's own, which improved if it is faster at all: the check cannot veto there.
    boolean onWall =
        Stream.concat(a.stream(), b.stream())
            .flatMap(f -> f.cases().values().stream())
            .allMatch(c -> c.wallP50() == c.p50());
    Comparison wall =
        onWall
            ? p50
            : compare.apply(
                "wall_p50", forks -> Aggregate.geometricMeans(forks, CaseFork::wallP50));
    boolean wallNotWorse = wall.ciHigh() < 1 + rule.tailMargin();

    boolean faster = rule.criterion().faster(p50, p95, rule.tailMargin()) && wallNotWorse;
    boolean allocates = allocation.verdict() == Verdict.REGRESSED;
    String reason = reason(p50, p95, allocation, wall, faster, allocates);
    return new Assessment(p50, p95, allocation, perCase, faster && !allocates, reason);
  }

  private String reason(
      Comparison p50,
      Comparison p95,
      Comparison alloc,
      Comparison wall,
      boolean faster,
      boolean allocates) {
    String beyond = String.format(Locale.ROOT, "%.3g%%", 100 * rule.threshold());
    boolean tailNotWorse = rule.criterion() == Criterion.MEDIAN_IMPROVED_TAIL_NOT_WORSE;
    String margin = String.format(Locale.ROOT, "%.3g%%", 100 * rule.tailMargin());
    if (faster && !allocates) {
      return tailNotWorse
          ? "p50 improved beyond "
              + beyond
              + ", p95 not worse than "
              + margin
              + " and allocation did not grow"
          : "p50 and p95 improved beyond " + beyond + " and allocation did not grow";
    }
    List<String> why = new ArrayList<>();
    if (tailNotWorse && p95.ciHigh() >= 1 + rule.tailMargin()) {
      why.add(
          String.format(
              Locale.ROOT,
              "p95 may be more than %s slower (B/A %.4f, CI [%.4f, %.4f])",
              margin,
              p95.ratio(),
              p95.ciLow(),
              p95.ciHigh()));
    }
    if (wall != p50 && wall.ciHigh() >= 1 + rule.tailMargin()) {
      why.add(
          String.format(
              Locale.ROOT,
              "the wall clock's p50 may be more than %s slower (B/A %.4f, CI [%.4f, %.4f])",
              margin,
              wall.ratio(),
              wall.ciLow(),
              wall.ciHigh()));
    }
    for (Comparison c : tailNotWorse ? List.of(p50) : List.of(p50, p95)) {
      if (c.verdict() != Verdict.IMPROVED) {
        why.add(
            String.format(
                Locale.ROOT,
                "%s %s (B/A %.4f, CI [%.4f, %.4f])",
                c.metric(),
                c.verdict(),
                c.ratio(),
                c.ciLow(),
                c.ciHigh()));
      }
    }
    if (allocates) {
      why.add(String.format(Locale.ROOT, "allocation regressed (B/A %.4f)", alloc.ratio()));
    }
    return String.join("; ", why);
  }
}

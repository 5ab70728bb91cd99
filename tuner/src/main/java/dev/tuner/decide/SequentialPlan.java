package dev.tuner.decide;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides after each look whether the forks so far settle the experiment.
 *
 * <p>Looks come at {@link DecisionRule#looks()} forks per side. Alpha is spent in proportion to the
 * forks each look adds (a linear spending function, applied as a Bonferroni split): the look at n
 * of N forks gets α·(n − n<sub>previous</sub>)/N. A look whose exact test cannot reject at its
 * share, where even perfectly separated samples give a larger one-sided p (3 vs 3 forks: at best p
 * = 1/20), spends nothing and passes its share on to the next look. The shares sum to α, so P(some
 * look keeps) ≤ α whatever the correlation between looks. Weighting by forks gives the last look,
 * where the close calls are decided, the most; a clear win needs little α to be kept early. With
 * the interleaved design's defaults (α = 1%, looks 5, 9, 16, 40 rounds, signed-rank test):
 *
 * <ul>
 *   <li>look 1, 5 rounds: α 0 (its 0.125% passes on: 5 rounds reach p = 1/32 at best); can only
 *       discard for futility, which ends most changes that do nothing four rounds sooner;
 *   <li>look 2, 9 rounds: α 0.225%; keeps a clear win (at best p = 1/512), or discards;
 *   <li>look 3, 16 rounds: α 0.175%;
 *   <li>look 4, 40 rounds: α 0.6%; keeps or discards, final.
 * </ul>
 *
 * At an interim look the plan discards for futility when the estimated p50 ratio (and p95's, when
 * the criterion needs p95 to improve) is at least {@link DecisionRule#futilityRatio()} or any
 * aggregate is {@code regressed}. Futility can only turn keeps into discards, so it never raises
 * the false-keep rate; it costs a little power and saves most of the forks of the many candidates
 * that do nothing.
 *
 * <p>The plan is a pure function of the forks given: a look uses exactly its first n forks of each
 * side, so asking again with more forks than the next look needs repeats the same answer.
 */
public final class SequentialPlan {

  /** What to do next. */
  public enum Action {
    /** Run more forks of both sides, up to {@link Step#nextLook()} per side. */
    CONTINUE,
    /** Keep the candidate: it becomes the current best. */
    KEEP,
    /** Discard the candidate. */
    DISCARD
  }

  /**
   * The plan's answer.
   *
   * @param look forks per side of the look that was evaluated; 0 when none is reached yet
   * @param alpha the α spent at that look
   * @param evidence the assessment at that look, when one was evaluated
   * @param nextLook forks per side the next look needs; 0 once decided
   */
  public record Step(
      Action action, int look, double alpha, Optional<Assessment> evidence, int nextLook) {}

  private final DecisionRule rule;
  private final KeepRule keepRule;
  private final List<Double> alphas;

  /**
   * The plan for independent forks.
   *
   * @throws IllegalArgumentException if even the last look cannot reject at the rule's α
   */
  public SequentialPlan(DecisionRule rule) {
    this(rule, Pairing.INDEPENDENT);
  }

  /**
   * The plan for forks related as {@code pairing} says; with {@link Pairing#PAIRED} a look needs
   * more forks to reject at all (n pairs: p ≥ 2<sup>−n</sup>).
   *
   * @throws IllegalArgumentException if even the last look cannot reject at the rule's α
   */
  public SequentialPlan(DecisionRule rule, Pairing pairing) {
    this.rule = rule;
    this.keepRule = new KeepRule(rule, pairing);
    this.alphas = spend(rule, pairing);
  }

  /** The α each look spends, in the order of {@link DecisionRule#looks()}; they sum to α. */
  public List<Double> alphaPerLook() {
    return alphas;
  }

  /** Says what to do given the forks so far of A (current best) and B (candidate). */
  public Step next(List<ForkSummary> a, List<ForkSummary> b) {
    List<Integer> looks = rule.looks();
    int forks = Math.min(a.size(), b.size());
    int reached = -1; // index of the last look the forks reach
    while (reached + 1 < looks.size() && looks.get(reached + 1) <= forks) {
      reached++;
    }
    if (reached < 0) {
      return new Step(Action.CONTINUE, 0, 0, Optional.empty(), looks.get(0));
    }
    int n = looks.get(reached);
    double alpha = alphas.get(reached);
    Assessment evidence = keepRule.assess(a.subList(0, n), b.subList(0, n), alpha);
    if (evidence.keep()) {
      return new Step(Action.KEEP, n, alpha, Optional.of(evidence), 0);
    }
    if (reached == looks.size() - 1) {
      return new Step(Action.DISCARD, n, alpha, Optional.of(evidence), 0);
    }
    if (futile(evidence)) {
      return new Step(Action.DISCARD, n, alpha, Optional.of(futility(evidence)), 0);
    }
    return new Step(Action.CONTINUE, n, alpha, Optional.of(evidence), looks.get(reached + 1));
  }

  /**
   * The plan run over all the forks given, look by look, each look reading only its own first n:
   * the first look that keeps or discards, or empty when the forks end before one does.
   */
  public Optional<Step> decide(List<ForkSummary> a, List<ForkSummary> b) {
    int forks = Math.min(a.size(), b.size());
    for (int look : rule.looks()) {
      if (look > forks) {
        break;
      }
      Step step = next(a.subList(0, look), b.subList(0, look));
      if (step.action() != Action.CONTINUE) {
        return Optional.of(step);
      }
    }
    return Optional.empty();
  }

  private boolean futile(Assessment e) {
    return !notFaster(e).isEmpty() || regressed(e);
  }

  /**
   * The estimates not even {@link DecisionRule#futilityRatio()} of A. The tail's only counts when
   * the criterion needs the tail to improve: a noisy p95 that happens to look no faster at an early
   * look must not end a try the criterion could keep.
   */
  private List<Comparison> notFaster(Assessment e) {
    List<Comparison> read =
        rule.criterion() == Criterion.BOTH_IMPROVED ? List.of(e.p50(), e.p95()) : List.of(e.p50());
    return read.stream().filter(c -> c.ratio() >= rule.futilityRatio()).toList();
  }

  private static boolean regressed(Assessment e) {
    return Stream.of(e.p50(), e.p95(), e.alloc()).anyMatch(c -> c.verdict() == Verdict.REGRESSED);
  }

  /**
   * The evidence of a futility stop, its reason saying so: a look that spends no α has unbounded
   * intervals, and "p50 same (CI [0, ∞])" would not say why the plan stopped. A regression keeps
   * the keep rule's reason, which gives its interval.
   */
  private Assessment futility(Assessment e) {
    if (regressed(e)) {
      return e;
    }
    String faster = String.format(Locale.ROOT, "%.3g%%", 100 * (1 - rule.futilityRatio()));
    List<String> why =
        notFaster(e).stream()
            .map(
                c ->
                    String.format(
                        Locale.ROOT, "%s B/A %.4f is not %s faster", c.metric(), c.ratio(), faster))
            .toList();
    return new Assessment(
        e.p50(), e.p95(), e.alloc(), e.perCase(), false, "futility: " + String.join(", ", why));
  }

  /**
   * Linear spending: each look's share of α is the share of the forks it adds; a share its test
   * cannot use moves on to the next look.
   */
  private static List<Double> spend(DecisionRule rule, Pairing pairing) {
    List<Integer> looks = rule.looks();
    double total = looks.get(looks.size() - 1);
    List<Double> alphas = new ArrayList<>();
    double carried = 0;
    int previous = 0;
    for (int look : looks) {
      double share = rule.alpha() * (look - previous) / total + carried;
      previous = look;
      boolean usable = pairing.smallestP(look) <= share;
      alphas.add(usable ? share : 0.0);
      carried = usable ? 0 : share;
    }
    if (carried > 0) {
      int last = looks.get(looks.size() - 1);
      String which =
          alphas.stream().anyMatch(a -> a > 0)
              ? "the last look in %s cannot reject at its share of alpha %s"
              : "no look in %s can reject at alpha %s";
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              which + ": even %d perfectly separated forks per side give p = %s",
              looks,
              rule.alpha(),
              last,
              pairing.smallestP(last)));
    }
    return List.copyOf(alphas);
  }
}

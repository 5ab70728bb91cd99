package dev.tuner.bench;

import static dev.tuner.GoldenFiles.assertMatchesGolden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.decide.Assessment;
import dev.tuner.decide.CaseFork;
import dev.tuner.decide.Comparison;
import dev.tuner.decide.DecisionRule;
import dev.tuner.decide.ForkSummary;
import dev.tuner.decide.Pairing;
import dev.tuner.decide.SequentialPlan;
import dev.tuner.io.Classpath;
import dev.tuner.spec.BenchmarkSpec.Design;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * What {@code tuner compare} prints on stdout for three fixed comparisons, compared whole with
 * {@code src/test/resources/golden/compare/}. Update with {@code -Dgolden.update=true} (see {@link
 * dev.tuner.GoldenFiles}).
 *
 * <p>The inputs are the replicates a comparison collects, with fixed numbers: each case's latency
 * times a factor for B, times a fixed jitter per replicate and side (no random numbers, no JVMs).
 * The decision and its statistics come from the real {@link SequentialPlan} at the spec's defaults
 * (δ 1%, α 1%, the design's looks), the way {@link AbComparison} reaches it. What would come from
 * the clock is fixed: the replicates' end times and the comparison's seconds. The labels are the
 * kind {@code tuner compare} makes from revisions. The per-case rows are put in the order of the
 * case ids (see {@link #inCaseOrder}). The stderr progress is not part of this output, nor is the
 * {@code --json} file: its ratios and bounds are printed to the last bit of doubles that come
 * through {@code Math.log} and {@code Math.exp}, which may differ in that bit between JVMs. The
 * decision line's reason is formatted in the JVM's default locale ({@code KeepRule} gives no
 * locale, unlike the rest of the report), so under a locale with a decimal comma it differs.
 */
class CompareReportGoldenTest {

  /** Per-replicate multipliers, about ±1.5%: B reads them from another offset than A. */
  static final double[] JITTER = {
    1.000, 1.012, 0.991, 1.006, 0.995, 1.015, 0.988, 1.003, 1.009, 0.993, 1.004, 0.997
  };

  /** p50 and p95 (ns) of the two cases of the example, near what the real run measured. */
  static final Map<String, double[]> CASES =
      Map.of(
          "ai-default",
          new double[] {46_495_023, 78_777_067},
          "water-europe",
          new double[] {21_661_631, 39_012_966});

  static final Classpath ARTIFACT_A = Classpath.of(Path.of("a/benchmarks.jar"));
  static final Classpath ARTIFACT_B = Classpath.of(Path.of("b/benchmarks.jar"));
  static final Path SPEC = Path.of("tuner.yaml");

  @Test
  void aFasterCandidateKeptAtTheFirstLookOfTheInterleavedDesign() {
    // B 12% faster in p50 and 15% in p95, allocating a quarter less, with the same calls.
    CompareOutcome outcome =
        compare(Design.INTERLEAVED, 0.88, 0.85, 25_072_628, 16_259_646, Map.of(), 9.6, 3.2);
    assertThat(outcome.keep()).isTrue();
    assertThat(outcome.look()).isEqualTo(9);
    assertMatchesGolden(
        "compare/keep-interleaved.txt", print("main (6fc0bc1c97)", "HEAD (436df875fd)", outcome));
  }

  @Test
  void aSlowerCandidateThatAllocatesMoreAndCallsLessIsDiscardedAtTheFirstLookOfTheForkDesign() {
    // B 2% slower in p50 and 6% in p95, allocating half as much again, one reference call fewer.
    CompareOutcome outcome =
        compare(
            Design.FORKS, 1.02, 1.06, 16_259_646, 24_389_469, Map.of("reference", 39.0), 0, 14.3);
    assertThat(outcome.keep()).isFalse();
    assertThat(outcome.look()).isEqualTo(3);
    assertMatchesGolden(
        "compare/discard-forks.txt", print("436df875fd", "presize-map (9c1e2b7a40)", outcome));
  }

  @Test
  void aCandidateFasterInP50WithTheTailUnchangedIsKeptUnderTheDefaultCriterion() {
    // B 4% faster in p50, 0.5% in p95 (within δ): p50 improved and p95 not worse by 3% keeps it
    // (under both-improved it was discarded at the last look).
    CompareOutcome outcome =
        compare(Design.FORKS, 0.96, 0.995, 16_259_646, 16_259_646, Map.of(), 0, 14.3);
    assertThat(outcome.keep()).isTrue();
    assertMatchesGolden(
        "compare/keep-forks-median.txt", print("436df875fd", "b3f0c2d917", outcome));
  }

  /**
   * Replicates until the sequential plan decides, as {@link AbComparison}'s collector gathers them;
   * each side calls {@code reference} 40 times, {@code embeddings} and {@code vectors} twice per
   * operation, B with {@code callsB} over that.
   */
  private static CompareOutcome compare(
      Design design,
      double p50Factor,
      double p95Factor,
      double allocA,
      double allocB,
      Map<String, Double> callsB,
      double warmupSeconds,
      double secondsPerReplicate) {
    DecisionRule rule = DecisionRule.defaults().withLooks(design.defaultLooks());
    SequentialPlan plan =
        new SequentialPlan(
            rule, design == Design.INTERLEAVED ? Pairing.PAIRED : Pairing.INDEPENDENT);
    Map<String, Double> calls = Map.of("reference", 40.0, "embeddings", 2.0, "vectors", 2.0);
    Map<String, Double> withB = new LinkedHashMap<>(calls);
    withB.putAll(callsB);
    List<ForkSummary> a = new ArrayList<>();
    List<ForkSummary> b = new ArrayList<>();
    List<Replicate> replicates = new ArrayList<>();
    for (int i = 0; i < rule.looks().get(rule.looks().size() - 1); i++) {
      int r = i;
      a.add(fork(k -> JITTER[(r + k) % JITTER.length], 1, 1, allocA));
      b.add(fork(k -> JITTER[(r + 5 + 2 * k) % JITTER.length], p50Factor, p95Factor, allocB));
      replicates.add(
          new Replicate(
              i + 1,
              warmupSeconds + (i + 1) * secondsPerReplicate,
              a.get(i),
              b.get(i),
              Map.of("ai-default", calls, "water-europe", calls),
              Map.of("ai-default", withB, "water-europe", withB)));
      if (rule.looks().contains(i + 1)) {
        SequentialPlan.Step step = plan.next(a, b);
        if (step.action() != SequentialPlan.Action.CONTINUE) {
          return new CompareOutcome(
              design,
              step.action(),
              i + 1,
              inCaseOrder(step.evidence().orElseThrow()),
              replicates,
              warmupSeconds + (i + 1) * secondsPerReplicate,
              warmupSeconds,
              true,
              design == Design.INTERLEAVED ? 2 : 0,
              sides(replicates));
        }
      }
    }
    throw new AssertionError("the plan did not decide");
  }

  /**
   * The assessment with its per-case comparisons in the order of the case ids, as the second table
   * lists the cases. {@link dev.tuner.decide.KeepRule} takes them in the order of a {@link
   * ForkSummary}'s {@code Map.copyOf}, which changes from one JVM to the next (the immutable
   * collections' iteration order is salted per JVM start), so the output's per-case rows come in
   * either order; this fixes one, so that the golden file pins the layout and the numbers.
   */
  private static Assessment inCaseOrder(Assessment e) {
    List<Comparison> perCase =
        e.perCase().stream()
            .sorted(Comparator.comparing(c -> c.metric().substring(c.metric().indexOf(':') + 1)))
            .toList();
    return new Assessment(e.p50(), e.p95(), e.alloc(), perCase, e.keep(), e.reason());
  }

  /** One replicate of one side: both cases, jittered per case; the p95 with a jitter of its own. */
  private static ForkSummary fork(
      IntToDoubleFunction jitter, double p50Factor, double p95Factor, double alloc) {
    Map<String, CaseFork> cases = new LinkedHashMap<>();
    int k = 0;
    for (String id : List.of("ai-default", "water-europe")) {
      double[] base = CASES.get(id);
      cases.put(
          id,
          new CaseFork(
              base[0] * p50Factor * jitter.applyAsDouble(k),
              base[1] * p95Factor * jitter.applyAsDouble(k + 3),
              alloc * jitter.applyAsDouble(k + 1)));
      k++;
    }
    return new ForkSummary(cases);
  }

  /** As {@link AbComparison} makes them: means over the replicates the decision read. */
  private static List<CompareOutcome.CaseSides> sides(List<Replicate> used) {
    List<CompareOutcome.CaseSides> sides = new ArrayList<>();
    for (String id : List.of("ai-default", "water-europe")) {
      sides.add(
          new CompareOutcome.CaseSides(
              id,
              used.stream()
                  .mapToDouble(r -> r.a().cases().get(id).allocBytesPerOp())
                  .average()
                  .orElseThrow(),
              used.stream()
                  .mapToDouble(r -> r.b().cases().get(id).allocBytesPerOp())
                  .average()
                  .orElseThrow(),
              BenchSummary.meanCalls(used.stream().map(r -> r.callsA().get(id)).toList()),
              BenchSummary.meanCalls(used.stream().map(r -> r.callsB().get(id)).toList())));
    }
    return sides;
  }

  private static String print(String labelA, String labelB, CompareOutcome outcome) {
    StringWriter out = new StringWriter();
    new CompareReport(
            new AbComparison.Build(labelA, ARTIFACT_A, SPEC),
            new AbComparison.Build(labelB, ARTIFACT_B, SPEC),
            outcome)
        .print(new PrintWriter(out));
    return out.toString();
  }
}

package dev.tuner.loop;

import dev.tuner.bench.BenchStage;
import dev.tuner.harness.spec.CaseSpec;
import dev.tuner.harness.spec.Contract;
import dev.tuner.harness.spec.Split;
import dev.tuner.log.LogRecord;
import dev.tuner.log.Stats;
import dev.tuner.log.WallTime;
import dev.tuner.spec.OptimizeSpec;
import dev.tuner.spec.TunerSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a run is: its branch, its best, its phase, what it spent. {@link Resume} rebuilds it from
 * the log.
 */
final class RunState {

  final TunerSpec spec;
  int segment;
  String branch;
  String userBranch;
  String base;
  String best;
  BenchStage.Measurement baseline;
  BenchStage.Measurement bestNumbers;
  WallTime baselineTimes;
  int run;
  int attempts;

  /** Benchmarked tries in a row that did not beat the best (what the plateau counts). */
  int plateauStreak;

  int breakages;
  int phaseIndex;
  int triesInPhase;
  double cost;

  /**
   * The model whose answers had tokens but no price, so {@link #cost} leaves them out; null when
   * every answer was priced.
   */
  String costUnknown;

  /**
   * The best's primary metric over the baseline's: the product of the kept steps' ratios. Each step
   * is measured against the best of its time, so absolute numbers from different measurements never
   * meet.
   */
  double bestVsBaseline = 1;

  Instant started;
  final List<LogRecord.Experiment> history = new ArrayList<>();
  String lastFailure;

  RunState(TunerSpec spec) {
    this.spec = spec;
  }

  OptimizeSpec.PhaseSpec phase() {
    return spec.optimize().phases().get(phaseIndex);
  }

  String phaseName() {
    return phase().name();
  }

  /** The current phase's contract per upstream, over the spec's defaults. */
  Map<String, Contract> contracts() {
    Map<String, Contract> merged = new TreeMap<>();
    spec.upstreams()
        .keySet()
        .forEach(
            u ->
                merged.put(
                    u,
                    spec.contracts() == null
                        ? Contract.EXACT
                        : spec.contracts().getOrDefault(u, Contract.EXACT)));
    merged.putAll(phase().contracts());
    return merged;
  }

  List<String> cases(Split split) {
    return spec.cases().stream().filter(c -> c.split() == split).map(CaseSpec::id).toList();
  }

  /** {@code p95}, say: the spec's primary metric. */
  String primaryName() {
    return spec.metric().primaryName();
  }

  double primary(BenchStage.Measurement m) {
    return m.ms(primaryName());
  }

  /** A kept step: the new best, and the product of ratios that relates it to the baseline. */
  void advance(String commit, BenchStage.Measurement numbers, Map<String, Stats> stats) {
    best = commit;
    bestNumbers = numbers;
    Stats primary = stats == null ? null : stats.get(primaryName());
    // A step whose statistics lack the primary metric changed nothing known: ratio 1.
    bestVsBaseline *= primary == null ? 1 : primary.ratio();
  }
}

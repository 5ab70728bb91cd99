package dev.tuner.log;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code .tuner/experiments.jsonl}. A config record opens each segment; experiment
 * records are a superset of pi-autoresearch's fields; a holdout record closes a run.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    property = "type",
    defaultImpl = LogRecord.Experiment.class)
@JsonSubTypes({
  @JsonSubTypes.Type(value = LogRecord.Config.class, name = "config"),
  @JsonSubTypes.Type(value = LogRecord.Experiment.class, name = "experiment"),
  @JsonSubTypes.Type(value = LogRecord.Holdout.class, name = "holdout")
})
public sealed interface LogRecord {

  /**
   * Opens a segment: what is optimised, on which branch, from which commit.
   *
   * @param specHash sha256 of tuner.yaml, so a reader knows when the rules changed
   * @param decision how the segment's tries are decided; null in logs written before it was
   */
  record Config(
      int segment,
      String name,
      String metric,
      String unit,
      String direction,
      String specHash,
      String branch,
      String base,
      String userBranch,
      String proposer,
      String timestamp,
      Decision decision)
      implements LogRecord {}

  /**
   * What the keep rule of a segment reads; each try's {@code stats} then give, per metric, the
   * interval it read and the look it stopped at ({@code forks}: replicates per side).
   *
   * @param design {@code interleaved} or {@code forks}
   * @param criterion what p50 and p95 must show for a keep
   * @param tailMargin how much slower p95 may be, for {@code median-improved-tail-not-worse}
   * @param quantiles how a round's quantiles are read (interleaved)
   * @param clock which time of an operation is read (interleaved)
   * @param threshold the smallest change kept (metric.threshold)
   * @param alpha the false-keep rate allowed per decision over all looks
   * @param looks replicates per side at which the sequential plan looks
   * @param newJvmsAfter interleaved: the rounds after this many came from two new JVMs (0: none)
   */
  record Decision(
      String design,
      String criterion,
      Double tailMargin,
      String quantiles,
      String clock,
      double threshold,
      double alpha,
      List<Integer> looks,
      Integer newJvmsAfter) {}

  /**
   * One try. {@code metric} is the primary metric of the candidate (ms), {@code metrics} all of
   * them.
   */
  record Experiment(
      int run,
      String commit,
      Double metric,
      Map<String, Double> metrics,
      Status status,
      String description,
      String timestamp,
      int segment,
      Double confidence,
      Asi asi,
      String parent,
      String phase,
      List<String> tags,
      String expectation,
      Map<String, Stats> stats,
      Map<String, Integer> calls,
      Double allocBytesPerOp,
      ProposerInfo proposer,
      Diff diff,
      WallTime wallS,
      Map<String, String> knobs)
      implements LogRecord {}

  /**
   * The blind check at the end: the best against the starting point, on cases never tuned against.
   *
   * @param failures why parity failed there: the reason, then the evidence (no terminal escapes)
   * @param brokenBy when parity failed: the first kept step that fails the hold-out cases (the
   *     start and the kept steps replayed in order, parity only); null when it held, or when the
   *     start fails them already
   * @param lastPassing when parity failed: the last best that passes the hold-out cases (run 0 is
   *     the start); null when it held, or when not even the start passes
   * @param passingBranch the branch left at {@code lastPassing} ({@code tuner/<tag>-holdout-ok})
   */
  record Holdout(
      int segment,
      String baseline,
      String best,
      boolean parity,
      List<String> failures,
      Map<String, Stats> stats,
      String verdict,
      String timestamp,
      Step brokenBy,
      Step lastPassing,
      String passingBranch)
      implements LogRecord {

    public Holdout {
      failures = failures == null ? null : failures.stream().map(Ansi::strip).toList();
    }

    /** A check whose parity held, or a record written before kept steps were named. */
    public Holdout(
        int segment,
        String baseline,
        String best,
        boolean parity,
        List<String> failures,
        Map<String, Stats> stats,
        String verdict,
        String timestamp) {
      this(segment, baseline, best, parity, failures, stats, verdict, timestamp, null, null, null);
    }
  }

  /** One step of a run's chain of bests: the start (run 0) or a kept try. */
  record Step(int run, String commit, String description) {}
}

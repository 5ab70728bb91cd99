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
      String timestamp)
      implements LogRecord {}

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
   */
  record Holdout(
      int segment,
      String baseline,
      String best,
      boolean parity,
      List<String> failures,
      Map<String, Stats> stats,
      String verdict,
      String timestamp)
      implements LogRecord {}
}

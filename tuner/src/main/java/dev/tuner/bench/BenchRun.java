package dev.tuner.bench;

import dev.tuner.measure.JmhCase;
import dev.tuner.measure.JmhResults;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One JMH run of the case benchmark on one build.
 *
 * @param jmhJson JMH's own JSON result file
 * @param results that file, read
 * @param callsPerOp case id → one entry per fork: upstream → calls per operation
 */
public record BenchRun(
    Path jmhJson, JmhResults results, Map<String, List<Map<String, Double>>> callsPerOp) {

  public BenchRun {
    callsPerOp = Map.copyOf(callsPerOp);
  }

  /** The case id a JMH result is for: its {@code caseId} parameter. */
  public static String caseId(JmhCase result) {
    String id = result.params().get("caseId");
    return id == null ? result.id() : id;
  }
}

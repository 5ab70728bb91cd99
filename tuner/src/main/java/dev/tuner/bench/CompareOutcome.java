package dev.tuner.bench;

import dev.tuner.decide.Assessment;
import dev.tuner.decide.SequentialPlan.Action;
import dev.tuner.spec.BenchmarkSpec.Design;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A decision and its evidence.
 *
 * @param action {@code KEEP} or {@code DISCARD}
 * @param look replicates per side the decision read
 * @param assessment p50, p95 and allocation B vs A at that look, and per case
 * @param replicates every replicate measured (the decision read the first {@code look})
 * @param seconds wall time from the start to the decision: JVM starts, warm-up, builds excluded
 * @param warmupSeconds of {@code seconds}, the time before the first measured round (JVM starts,
 *     loading, warm-up); 0 in the forks design, whose warm-up is inside each fork
 * @param steady the warm-up rule found every JVM warm before its cap
 * @param jvms how many JVMs measured the rounds the decision read (interleaved: 2, or 4 once the
 *     rounds after {@link CompareSettings#newJvmsAfter} came from new ones); 0 in the forks design
 * @param sides per case, allocation and calls per operation of each side
 */
public record CompareOutcome(
    Design design,
    Action action,
    int look,
    Assessment assessment,
    List<Replicate> replicates,
    double seconds,
    double warmupSeconds,
    boolean steady,
    int jvms,
    List<CaseSides> sides) {

  public CompareOutcome {
    replicates = List.copyOf(replicates);
    sides = List.copyOf(sides);
  }

  /** Of {@code seconds}, the time spent measuring. */
  public double measureSeconds() {
    return seconds - warmupSeconds;
  }

  public boolean keep() {
    return action == Action.KEEP;
  }

  /**
   * One case's secondary numbers on each side, means over the replicates the decision read.
   *
   * @param callsA upstream → calls per operation on A
   */
  public record CaseSides(
      String caseId,
      double allocBytesA,
      double allocBytesB,
      Map<String, Double> callsA,
      Map<String, Double> callsB) {}

  static List<CaseSides> sides(List<Replicate> used) {
    List<CaseSides> sides = new ArrayList<>();
    for (String id : used.get(0).a().cases().keySet().stream().sorted().toList()) {
      sides.add(
          new CaseSides(
              id,
              used.stream()
                  .mapToDouble(r -> r.a().cases().get(id).allocBytesPerOp())
                  .average()
                  .orElse(0),
              used.stream()
                  .mapToDouble(r -> r.b().cases().get(id).allocBytesPerOp())
                  .average()
                  .orElse(0),
              BenchSummary.meanCalls(
                  used.stream().map(r -> r.callsA().getOrDefault(id, Map.of())).toList()),
              BenchSummary.meanCalls(
                  used.stream().map(r -> r.callsB().getOrDefault(id, Map.of())).toList())));
    }
    return sides;
  }
}

package dev.tuner.harness.parity;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The verdict on one replayed case.
 *
 * @param calls calls per upstream during replay
 * @param expectedCalls calls per upstream in the recording
 * @param goldenUpdated whether {@code --update} approved a new golden for this case
 */
public record CaseResult(
    String caseId,
    List<Failure> failures,
    Map<String, Integer> calls,
    Map<String, Integer> expectedCalls,
    boolean goldenUpdated,
    long elapsedNanos) {

  public CaseResult {
    failures = List.copyOf(failures);
    calls = Collections.unmodifiableSortedMap(new TreeMap<>(calls));
    expectedCalls = Collections.unmodifiableSortedMap(new TreeMap<>(expectedCalls));
  }

  public boolean passed() {
    return failures.isEmpty();
  }
}

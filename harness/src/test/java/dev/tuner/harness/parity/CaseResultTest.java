package dev.tuner.harness.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaseResultTest {

  static final Failure MISMATCH =
      new Failure(Failure.Kind.OUTPUT_MISMATCH, "output differs at 1 path(s)");

  @Test
  void aCasePassesOnlyWithoutFailures() {
    assertThat(result(List.of()).passed()).isTrue();
    assertThat(result(List.of(MISMATCH)).passed()).isFalse();
  }

  @Test
  void callCountsAreListedByUpstreamName() {
    CaseResult result =
        new CaseResult(
            "hello",
            List.of(),
            Map.of("words", 2, "catalog", 1, "embed", 4),
            Map.of("words", 2, "catalog", 1),
            false,
            1_000);

    assertThat(result.calls().keySet()).containsExactly("catalog", "embed", "words");
    assertThat(result.expectedCalls().keySet()).containsExactly("catalog", "words");
  }

  @Test
  void aResultKeepsItsOwnCopiesThatNobodyCanChange() {
    List<Failure> failures = new ArrayList<>(List.of(MISMATCH));
    Map<String, Integer> calls = new HashMap<>(Map.of("words", 2));
    CaseResult result = new CaseResult("hello", failures, calls, calls, false, 1_000);

    failures.clear();
    calls.put("words", 3);

    assertThat(result.failures()).containsExactly(MISMATCH);
    assertThat(result.calls()).isEqualTo(Map.of("words", 2));
    assertThat(result.expectedCalls()).isEqualTo(Map.of("words", 2));
    assertThatThrownBy(() -> result.failures().add(MISMATCH))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> result.calls().put("catalog", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> result.expectedCalls().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private static CaseResult result(List<Failure> failures) {
    return new CaseResult("hello", failures, Map.of(), Map.of(), false, 1_000);
  }
}

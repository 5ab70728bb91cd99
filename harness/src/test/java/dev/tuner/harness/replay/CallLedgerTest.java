package dev.tuner.harness.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CallLedgerTest {

  final CallLedger ledger = new CallLedger();

  @Test
  void aHitCountsForItsStubAndItsUpstream() {
    ledger.hit("words", "stub-1");
    ledger.hit("words", "stub-1");
    ledger.hit("words", "stub-2");

    assertThat(ledger.hits("stub-1")).isEqualTo(2);
    assertThat(ledger.hits("stub-2")).isEqualTo(1);
    assertThat(ledger.calls("words")).isEqualTo(3);
    assertThat(ledger.problems()).isEmpty();
  }

  @Test
  void aMissIsACallOfItsUpstreamAndAProblemInTheOrderTheyHappened() {
    ledger.miss("catalog", "catalog: unmatched request GET /items?ids=9");
    ledger.hit("catalog", "stub-1");
    ledger.miss("words", "words: more calls than recorded: POST /v1/count");

    assertThat(ledger.calls()).isEqualTo(Map.of("catalog", 2, "words", 1));
    assertThat(ledger.hits("stub-1")).isEqualTo(1);
    assertThat(ledger.problems())
        .containsExactly(
            "catalog: unmatched request GET /items?ids=9",
            "words: more calls than recorded: POST /v1/count");
  }

  @Test
  void callsAreListedByUpstreamName() {
    ledger.hit("words", "a");
    ledger.hit("catalog", "b");
    ledger.miss("(unknown)", "request outside the declared upstreams");

    assertThat(ledger.calls().keySet()).containsExactly("(unknown)", "catalog", "words");
  }

  @Test
  void aStubOrUpstreamNeverCalledHasZero() {
    ledger.hit("words", "a");

    assertThat(ledger.hits("b")).isZero();
    assertThat(ledger.calls("catalog")).isZero();
    assertThat(ledger.calls()).doesNotContainKey("catalog");
  }

  @Test
  void resetForgetsEverything() {
    ledger.hit("words", "a");
    ledger.miss("catalog", "unmatched");

    ledger.reset();

    assertThat(ledger.hits("a")).isZero();
    assertThat(ledger.calls()).isEmpty();
    assertThat(ledger.problems()).isEmpty();
  }

  @Test
  void theProblemsAndCallsGivenOutAreSnapshotsThatCannotChangeTheLedger() {
    ledger.miss("catalog", "unmatched");
    List<String> problems = ledger.problems();
    Map<String, Integer> calls = ledger.calls();

    ledger.miss("catalog", "unmatched again");

    assertThat(problems).containsExactly("unmatched");
    assertThat(calls).isEqualTo(Map.of("catalog", 1));
    assertThatThrownBy(() -> problems.add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void callsFromManyThreadsAllCount() throws Exception {
    int threads = 4;
    int callsEach = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        tasks.add(
            () -> {
              for (int i = 0; i < callsEach; i++) {
                ledger.hit("words", "stub-" + (i % 2));
                if (i % 100 == 0) {
                  ledger.miss("catalog", "unmatched " + i);
                }
              }
              return null;
            });
      }
      for (Future<Void> done : pool.invokeAll(tasks)) {
        done.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(ledger.calls("words")).isEqualTo(threads * callsEach);
    assertThat(ledger.hits("stub-0") + ledger.hits("stub-1")).isEqualTo(threads * callsEach);
    assertThat(ledger.calls("catalog")).isEqualTo(threads * callsEach / 100);
    assertThat(ledger.problems()).hasSize(threads * callsEach / 100);
  }
}

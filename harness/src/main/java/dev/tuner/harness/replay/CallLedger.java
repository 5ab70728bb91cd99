package dev.tuner.harness.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a replayed case did on the wire: hits per stub, calls per upstream, and every request that
 * found no answer. Thread-safe, because hot paths call upstreams in parallel.
 */
public final class CallLedger {

  private final Map<String, AtomicInteger> hitsByStub = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> callsByUpstream = new ConcurrentHashMap<>();
  private final List<String> problems = new ArrayList<>();

  void hit(String upstream, String stubId) {
    callsByUpstream.computeIfAbsent(upstream, u -> new AtomicInteger()).incrementAndGet();
    hitsByStub.computeIfAbsent(stubId, u -> new AtomicInteger()).incrementAndGet();
  }

  void miss(String upstream, String problem) {
    callsByUpstream.computeIfAbsent(upstream, u -> new AtomicInteger()).incrementAndGet();
    synchronized (problems) {
      problems.add(problem);
    }
  }

  public int hits(String stubId) {
    AtomicInteger n = hitsByStub.get(stubId);
    return n == null ? 0 : n.get();
  }

  /**
   * Calls to one upstream so far; allocates nothing, so a benchmark can count calls per operation.
   */
  public int calls(String upstream) {
    AtomicInteger n = callsByUpstream.get(upstream);
    return n == null ? 0 : n.get();
  }

  /** Calls per upstream, sorted by name; matched and unmatched calls both count. */
  public Map<String, Integer> calls() {
    Map<String, Integer> calls = new TreeMap<>();
    callsByUpstream.forEach((u, n) -> calls.put(u, n.get()));
    return calls;
  }

  /** Unmatched requests and exhausted scenarios, in the order they happened. */
  public List<String> problems() {
    synchronized (problems) {
      return List.copyOf(problems);
    }
  }

  /** Forgets everything, so one session can replay a case many times (benchmarks do). */
  public void reset() {
    hitsByStub.clear();
    callsByUpstream.clear();
    synchronized (problems) {
      problems.clear();
    }
  }
}

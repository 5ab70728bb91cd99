package dev.tuner.harness.runner;

import dev.tuner.harness.replay.TransportKind;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One build's side of an in-JVM A/B run: its cases opened for replay, run one operation at a time.
 *
 * <p>{@link InterleaveMain} loads each build's artifact in a class loader of its own and creates
 * one of these in each, through reflection with JDK types only, so the two builds share nothing but
 * the JVM (and its JIT, heap and CPU), which is the point: what disturbs one disturbs the other.
 *
 * <p>An operation is {@link ReplayedCase#runOnce()}, the same as a JMH {@code CaseBenchmark}
 * operation. Allocation is the current thread's allocated bytes around it (JDK's {@code
 * com.sun.management.ThreadMXBean}), so a hot path that allocates on other threads reports less
 * than it allocates.
 */
public final class CaseRunner implements AutoCloseable {

  private static volatile int sink;

  private final Map<String, ReplayedCase> cases = new LinkedHashMap<>();
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private long lastAllocatedBytes;
  private Map<String, Integer> lastCalls = Map.of();

  /** Opens every case of {@code specFile} named in {@code caseIds}. */
  public CaseRunner(String specFile, String[] caseIds, String transport) throws Exception {
    TransportKind kind = TransportKind.parse(transport);
    try (var loader = new WithOwnClassLoader()) {
      for (String id : caseIds) {
        cases.put(id, ReplayedCase.open(Path.of(specFile), id, kind));
      }
    }
  }

  /** Runs one operation of the case and returns its duration in nanoseconds. */
  public long run(String caseId) throws Exception {
    ReplayedCase c = cases.get(caseId);
    if (c == null) {
      throw new IllegalArgumentException("case '" + caseId + "' was not opened");
    }
    try (var loader = new WithOwnClassLoader()) {
      long allocated = threads.getCurrentThreadAllocatedBytes();
      long start = System.nanoTime();
      String output = c.runOnce();
      long nanos = System.nanoTime() - start;
      lastAllocatedBytes = threads.getCurrentThreadAllocatedBytes() - allocated;
      lastCalls = c.session().ledger().calls();
      sink += output.hashCode();
      return nanos;
    }
  }

  /** Bytes the last operation allocated on the calling thread. */
  public long lastAllocatedBytes() {
    return lastAllocatedBytes;
  }

  /** Calls per upstream of the last operation. */
  public Map<String, Integer> lastCalls() {
    return lastCalls;
  }

  @Override
  public void close() {
    cases.values().forEach(ReplayedCase::close);
  }

  /**
   * Makes this build's class loader the thread's context loader while its code runs: the harness
   * loads the hot path through it, and libraries such as Jackson look things up through it.
   */
  private final class WithOwnClassLoader implements AutoCloseable {
    private final ClassLoader previous = Thread.currentThread().getContextClassLoader();

    WithOwnClassLoader() {
      Thread.currentThread().setContextClassLoader(CaseRunner.class.getClassLoader());
    }

    @Override
    public void close() {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }
}

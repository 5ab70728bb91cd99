package dev.tuner.knobs;

import java.util.HashMap;
import java.util.Map;

/**
 * The knob search turned inside out for the optimisation loop, which measures one point per try:
 * the synchronous {@link KnobSearch} runs on its own thread, and each time it needs a point not yet
 * measured, it waits; {@link #next} hands that point to the loop, {@link #tell} hands its value
 * back. Exactly one side runs at a time, so the path depends only on the values told, never on
 * timing. Values told before the search asks (a resumed run's log) make those points free: the
 * search replays its path through them and asks only for what is new, so no point is measured
 * twice.
 */
public final class SteppedSearch implements AutoCloseable {

  private final KnobSearch search;
  private final Map<String, String> start;
  private final Map<Map<String, String>, Double> values = new HashMap<>();
  private Thread thread;
  private Map<String, String> pending;
  private boolean finished;
  private boolean closed;
  private RuntimeException failure;

  public SteppedSearch(KnobSearch search, Map<String, String> start) {
    this.search = search;
    this.start = Map.copyOf(start);
  }

  /** The value of a measured point ({@code +Infinity}: infeasible). */
  public synchronized void tell(Map<String, String> point, double value) {
    values.put(Map.copyOf(point), value);
    notifyAll();
  }

  public synchronized Double valueOf(Map<String, String> point) {
    return values.get(Map.copyOf(point));
  }

  /** The next point to measure, or null once the search has stopped. */
  public synchronized Map<String, String> next() throws InterruptedException {
    if (thread == null) {
      thread = new Thread(this::runSearch, "knob-search");
      thread.setDaemon(true);
      thread.start();
    }
    while (!finished && (pending == null || values.containsKey(pending))) {
      wait();
    }
    if (failure != null) {
      throw failure;
    }
    return finished ? null : pending;
  }

  private void runSearch() {
    try {
      search.run(start, this::await);
    } catch (InterruptedException | Closed e) {
      // closed
    } catch (RuntimeException e) {
      synchronized (this) {
        failure = e;
      }
    } finally {
      synchronized (this) {
        finished = true;
        notifyAll();
      }
    }
  }

  private synchronized double await(Map<String, String> point) throws InterruptedException {
    Map<String, String> key = Map.copyOf(point);
    while (!values.containsKey(key)) {
      if (closed) {
        throw new Closed();
      }
      pending = point;
      notifyAll();
      wait();
    }
    return values.get(key);
  }

  @Override
  public synchronized void close() {
    closed = true;
    notifyAll();
  }

  private static final class Closed extends RuntimeException {}
}

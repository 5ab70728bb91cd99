package com.example.portfolio;

import java.io.IOException;

/**
 * Splits a request's elapsed time into waiting for upstreams and everything else (its local work).
 * Not thread-safe: only the request's own thread waits through it.
 */
final class WorkClock {

  /** A blocking call, typically an HTTP exchange or waiting for a batch of them. */
  @FunctionalInterface
  interface Wait<T> {
    T call() throws IOException, InterruptedException;
  }

  private final long start;
  private long waitingNanos;

  private WorkClock(long start) {
    this.start = start;
  }

  static WorkClock start() {
    return new WorkClock(System.nanoTime());
  }

  /** Runs {@code call}, counting its duration as waiting rather than local work. */
  <T> T waitFor(Wait<T> call) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    try {
      return call.call();
    } finally {
      waitingNanos += System.nanoTime() - t0;
    }
  }

  long waitingNanos() {
    return waitingNanos;
  }

  /** Time since start not spent waiting. */
  long localNanos() {
    return System.nanoTime() - start - waitingNanos;
  }
}

package com.example.portfolio;

/**
 * Output-neutral busy work, used to check that the tuner notices a known slowdown. Spins on the CPU
 * (sleeping would free the core and not look like slower code).
 */
final class Calibration {

  /** Published so the JIT must compute the spin's arithmetic. */
  private static volatile long sink;

  private Calibration() {}

  /** Burns {@code percent}% of {@code localNanos} of CPU on the calling thread. */
  static void extraWork(long localNanos, int percent) {
    if (percent <= 0 || localNanos <= 0) {
      return;
    }
    long budget = localNanos * percent / 100;
    long deadline = System.nanoTime() + budget;
    long x = sink | 1;
    while (System.nanoTime() - deadline < 0) {
      for (int i = 0; i < 64; i++) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
      }
    }
    sink = x;
  }
}

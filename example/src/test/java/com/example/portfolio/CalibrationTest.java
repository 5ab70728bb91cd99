package com.example.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CalibrationTest {

  @Test
  void spinsForThePercentageOfTheLocalWork() {
    long start = System.nanoTime();
    Calibration.extraWork(4_000_000, 50);

    // It spins until a deadline, so the lower bound always holds; no upper bound is asserted.
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(2_000_000);
  }

  @Test
  void zeroPercentIsNoWork() {
    long start = System.nanoTime();
    for (int i = 0; i < 1_000; i++) {
      Calibration.extraWork(1_000_000_000L, 0);
    }

    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
  }
}

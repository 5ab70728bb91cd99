package com.example.portfolio;

import dev.tuner.harness.junit.ReplayCases;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every case in the root tuner.yaml, replayed from its fixtures and checked against its golden. */
class ReplayedCasesTest {

  @TestFactory
  Stream<DynamicTest> everyCaseMatchesItsRecording() throws Exception {
    return ReplayCases.fromNearestSpec().tests();
  }
}

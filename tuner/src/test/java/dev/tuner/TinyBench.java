package dev.tuner;

import dev.tuner.demo.DemoWorkspace;

/**
 * Edits the example's tuner.yaml for tests: {@code tuner demo --quick}'s benchmark settings and
 * three cases (two tuned, one held out), and nothing after the cases (no knob search unless a test
 * declares one).
 */
public final class TinyBench {

  private TinyBench() {}

  public static String apply(String spec) {
    String head = spec.substring(0, spec.indexOf("\ncases:"));
    return head + "\nbenchmark:\n" + DemoWorkspace.QUICK_BENCHMARK + DemoWorkspace.QUICK_CASES;
  }
}

package dev.tuner;

import dev.tuner.demo.DemoWorkspace;

/**
 * Edits the example's tuner.yaml for tests: {@code tuner demo --quick}'s benchmark settings and
 * three cases (two tuned, one held out), and nothing after the cases (no knob search unless a test
 * declares one).
 */
public final class TinyBench {

  private TinyBench() {}

  /**
   * The quick settings without profiles: a test that is not about them does not pay 10-14 s per
   * best for them.
   */
  public static String apply(String spec) {
    return withProfiles(spec) + "optimize: {profile: false}\n";
  }

  /** The quick settings, profiling the baseline and each best as {@code optimize} does. */
  public static String withProfiles(String spec) {
    String head = spec.substring(0, spec.indexOf("\ncases:"));
    return head + "\nbenchmark:\n" + DemoWorkspace.QUICK_BENCHMARK + DemoWorkspace.QUICK_CASES;
  }
}

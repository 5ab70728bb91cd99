package dev.tuner.knobs;

import dev.tuner.spec.KnobsSpec;
import java.io.PrintWriter;
import java.util.Map;

/** Runs the knob search over a measured grid table. */
final class GridReplay {
  private GridReplay() {}

  static void run(KnobSpace space, KnobGrid.Table table, KnobsSpec spec, Map<String, String> opts, PrintWriter out) {
    throw new UnsupportedOperationException("not yet");
  }
}

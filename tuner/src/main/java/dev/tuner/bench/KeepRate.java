package dev.tuner.bench;

import org.apache.commons.math3.stat.interval.ClopperPearsonInterval;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;

/** How sure a count of real decisions makes a keep rate. */
final class KeepRate {

  private KeepRate() {}

  /**
   * The exact (Clopper–Pearson) 95% interval of a rate seen as {@code kept} of {@code decisions}:
   * at 0 kept its upper bound is what the decisions rule out (0 of 20: 16.8%).
   */
  static ConfidenceInterval clopperPearson(int decisions, int kept) {
    if (kept == 0 || kept == decisions) {
      // Commons Math returns NaN at the edges; the exact bounds there are closed forms.
      double edge = Math.pow(0.025, 1.0 / decisions);
      return kept == 0
          ? new ConfidenceInterval(0, 1 - edge, 0.95)
          : new ConfidenceInterval(edge, 1, 0.95);
    }
    return new ClopperPearsonInterval().createInterval(decisions, kept, 0.95);
  }
}

package dev.tuner.cli;

import java.util.ListResourceBundle;

/**
 * Each command's wording of the options it shares through a mixin ({@link CaseSelection}, {@link
 * ComparisonOverrides}). Picocli reads an option's description from the root command's resource
 * bundle under {@code <command path>.<option name>} before the annotation's, so a mixin declares an
 * option once and {@code tuner bench --help} still says "Benchmark only this case".
 */
public final class HelpText extends ListResourceBundle {

  @Override
  protected Object[][] getContents() {
    return new Object[][] {
      {"tuner.record.case", "Record only this case (repeatable)."},
      {"tuner.verify.case", "Verify only this case (repeatable)."},
      {"tuner.verify.holdout", "Verify only the hold-out cases."},
      {"tuner.bench.case", "Benchmark only this case (repeatable; default: every tune case)."},
      {"tuner.bench.holdout", "Benchmark the hold-out cases instead of the tune cases."},
      {"tuner.compare.case", "Compare only this case (repeatable; default: every tune case)."},
      {
        "tuner.compare.design",
        "interleaved (both builds in one JVM) or forks (JMH forks alternating); default:"
            + " benchmark.compare.design."
      },
      {
        "tuner.calibrate.case",
        "Calibrate on this case only (repeatable; default: every tune case)."
      },
      {"tuner.calibrate.design", "interleaved or forks (default: benchmark.compare.design)."},
    };
  }
}

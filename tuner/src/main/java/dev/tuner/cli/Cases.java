package dev.tuner.cli;

import dev.tuner.error.UsageException;

import dev.tuner.harness.spec.CaseSpec;
import dev.tuner.harness.spec.Split;
import dev.tuner.spec.TunerSpec;
import java.util.List;

/** Helpers the measuring commands share: which cases, option values, scratch directories. */
final class Cases {

  private Cases() {}

  /**
   * The cases named, else every tune case (or, with {@code holdout}, every hold-out case).
   *
   * @throws UsageException naming an id the spec does not have
   */
  static List<String> select(TunerSpec spec, List<String> named, boolean holdout) throws UsageException {
    List<String> known = spec.cases().stream().map(CaseSpec::id).toList();
    for (String id : named) {
      if (!known.contains(id)) {
        throw new UsageException("no case '" + id + "' in the spec; cases: " + String.join(", ", known));
      }
    }
    if (!named.isEmpty()) {
      return List.copyOf(named);
    }
    Split split = holdout ? Split.HOLDOUT : Split.TUNE;
    List<String> ids = spec.cases().stream().filter(c -> c.split() == split).map(CaseSpec::id).toList();
    if (ids.isEmpty()) {
      throw new UsageException("the spec has no " + (holdout ? "hold-out" : "tune") + " cases");
    }
    return ids;
  }

  /** Splits {@code N:TIME} (JMH iterations and their length). */
  static String[] iterations(String option, String value) throws UsageException {
    String[] parts = value.split(":", 2);
    if (parts.length != 2 || !parts[0].matches("\\d+") || !parts[1].matches("[1-9][0-9]*(ns|us|ms|s|m|min|hr)")) {
      throw new UsageException(option + " takes N:TIME such as 5:1s, got '" + value + "'");
    }
    return parts;
  }
}

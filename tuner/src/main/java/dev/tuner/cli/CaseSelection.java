package dev.tuner.cli;

import dev.tuner.error.UsageException;
import dev.tuner.harness.spec.CaseSpec;
import dev.tuner.harness.spec.Split;
import dev.tuner.spec.TunerSpec;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --case ID}… and, in {@link WithHoldout}, {@code --holdout}: which cases a command runs.
 * The ids are checked against the spec before anything is built or forked, so a typo costs a
 * second, not a build. Each command's wording of these options is in {@link HelpText}.
 */
class CaseSelection {

  @Option(names = "--case", paramLabel = "ID", description = "Only this case (repeatable).")
  List<String> ids = new ArrayList<>();

  /** Whether {@code --holdout} was given; only {@link WithHoldout} offers it. */
  boolean holdout() {
    return false;
  }

  /**
   * The ids named on the command line, as given.
   *
   * @throws UsageException naming an id the spec does not have
   */
  List<String> named(TunerSpec spec) throws UsageException {
    List<String> known = spec.cases().stream().map(CaseSpec::id).toList();
    for (String id : ids) {
      if (!known.contains(id)) {
        throw new UsageException(
            "no case '" + id + "' in the spec; cases: " + String.join(", ", known));
      }
    }
    return List.copyOf(ids);
  }

  /**
   * The cases named, else every tune case (with {@code --holdout}, every hold-out case): what the
   * measuring commands run.
   *
   * @throws UsageException naming an unknown id, or when there is no case to run
   */
  List<String> select(TunerSpec spec) throws UsageException {
    List<String> named = named(spec);
    if (!named.isEmpty()) {
      return named;
    }
    Split split = holdout() ? Split.HOLDOUT : Split.TUNE;
    List<String> chosen =
        spec.cases().stream().filter(c -> c.split() == split).map(CaseSpec::id).toList();
    if (chosen.isEmpty()) {
      throw new UsageException("the spec has no " + (holdout() ? "hold-out" : "tune") + " cases");
    }
    return chosen;
  }

  /**
   * The selection as the harness's options ({@code --case ID}…, {@code --holdout}), the ids
   * checked: record and verify leave the choice among the spec's cases to the harness.
   */
  List<String> harnessArgs(TunerSpec spec) throws UsageException {
    List<String> args = new ArrayList<>();
    named(spec).forEach(id -> args.addAll(List.of("--case", id)));
    if (holdout()) {
      args.add("--holdout");
    }
    return args;
  }

  /** With {@code --holdout}, for the commands that can run the hold-out cases. */
  static final class WithHoldout extends CaseSelection {

    @Option(names = "--holdout", description = "Only the hold-out cases.")
    boolean holdout;

    @Override
    boolean holdout() {
      return holdout;
    }
  }
}

package dev.tuner.loop;

import dev.tuner.error.CheckFailedException;
import dev.tuner.log.LogRecord;
import java.util.List;

/**
 * The best fails parity on the hold-out cases: a kept step overfitted the tune cases (exit 1). The
 * message names the kept step that broke them and the branch at the last best that passes them.
 */
public final class HoldoutFailedException extends CheckFailedException {

  HoldoutFailedException(String message) {
    super(message);
  }

  static String message(
      List<String> cases,
      String reason,
      LogRecord.Step brokenBy,
      LogRecord.Step lastPassing,
      String branch) {
    StringBuilder m =
        new StringBuilder("the best fails parity on the hold-out cases (")
            .append(String.join(", ", cases))
            .append("): ")
            .append(reason == null ? "" : reason.lines().findFirst().orElse(""));
    if (lastPassing == null) {
      return m.append(
              "; the start fails them too, so no kept step is to blame: check the recording"
                  + " with tuner verify --holdout")
          .toString();
    }
    if (brokenBy != null) {
      m.append("; kept step ").append(step(brokenBy)).append(" is the first that fails them");
    }
    return m.append("; branch ")
        .append(branch)
        .append(" holds the last best that passes them, ")
        .append(
            lastPassing.run() == 0
                ? "the start " + Console.shortSha(lastPassing.commit())
                : step(lastPassing))
        .toString();
  }

  static String step(LogRecord.Step s) {
    return "run "
        + s.run()
        + " ("
        + Console.shortSha(s.commit())
        + (s.description() == null ? "" : " \"" + s.description() + "\"")
        + ")";
  }
}

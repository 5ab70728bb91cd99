package dev.tuner.review;

import dev.tuner.error.UsageException;
import java.util.List;
import java.util.Locale;

/**
 * What {@code tuner log --group-by} groups tries by. A try with several tags counts in each tag's
 * group.
 */
public enum GroupBy {
  STATUS,
  PHASE,
  TAG,
  PROPOSER,
  MODEL;

  /** The groups a try belongs to; {@code -} stands for "not set". */
  List<String> keys(Row row) {
    var e = row.experiment();
    return switch (this) {
      case STATUS -> List.of(row.status());
      case PHASE -> List.of(orDash(e.phase()));
      case TAG ->
          e.tags() == null || e.tags().isEmpty()
              ? List.of("-")
              : e.tags().stream().distinct().toList();
      case PROPOSER -> List.of(orDash(e.proposer() == null ? null : e.proposer().kind()));
      case MODEL -> List.of(orDash(e.proposer() == null ? null : e.proposer().model()));
    };
  }

  /** {@code status}, {@code phase}, … ; anything else is an error naming the choices. */
  public static GroupBy parse(String text) throws UsageException {
    for (GroupBy g : values()) {
      if (g.label().equalsIgnoreCase(text.strip())) {
        return g;
      }
    }
    throw new UsageException(
        "--group-by: '" + text + "' is not one of [status, phase, tag, proposer, model]");
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static String orDash(String s) {
    return s == null || s.isBlank() ? "-" : s;
  }
}

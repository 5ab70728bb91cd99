package dev.tuner.review;

import dev.tuner.error.UsageException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which tries to show. Every criterion that is set must hold; a list criterion holds when any of
 * its values matches (case-insensitive).
 *
 * @param since tries logged at or after this instant; tries without a readable timestamp are left
 *     out
 */
public record Filter(
    Set<String> statuses, Set<String> phases, Set<String> tags, Set<String> models, Instant since)
    implements Predicate<Row> {

  public static final Filter ALL = new Filter(Set.of(), Set.of(), Set.of(), Set.of(), null);

  public Filter {
    statuses = lower(statuses);
    phases = lower(phases);
    tags = lower(tags);
    models = lower(models);
  }

  /**
   * {@code 2026-11-22} (the start of that day, UTC) or an ISO instant ({@code
   * 2026-11-22T20:00:00Z}).
   *
   * @throws UsageException naming the value when it is neither
   */
  public static Instant parseSince(String text) throws UsageException {
    try {
      Instant instant =
          text.contains("T")
              ? timestamp(text)
              : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      if (instant == null) {
        throw new DateTimeParseException("not an instant", text, 0);
      }
      return instant;
    } catch (DateTimeParseException e) {
      throw new UsageException(
          "--since: '"
              + text
              + "' is neither a date (2026-11-22) nor an ISO instant"
              + " (2026-11-22T20:00:00Z)");
    }
  }

  @Override
  public boolean test(Row row) {
    var e = row.experiment();
    return matches(statuses, row.status())
        && matches(phases, e.phase())
        && (tags.isEmpty()
            || (e.tags() != null && e.tags().stream().anyMatch(t -> tags.contains(lower(t)))))
        && matches(models, e.proposer() == null ? null : e.proposer().model())
        && (since == null
            || timestamp(e.timestamp()) != null && !timestamp(e.timestamp()).isBefore(since));
  }

  private static boolean matches(Set<String> wanted, String value) {
    return wanted.isEmpty() || (value != null && wanted.contains(lower(value)));
  }

  static Instant timestamp(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text)
          .toInstant(); // 2026-11-22T20:00:00Z and 2026-11-22T21:00:00+01:00
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Set<String> lower(Set<String> values) {
    return values == null ? Set.of() : Set.copyOf(values.stream().map(Filter::lower).toList());
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
  }

  /** For tests and callers holding lists. */
  public static Filter of(
      List<String> statuses,
      List<String> phases,
      List<String> tags,
      List<String> models,
      Instant since) {
    return new Filter(set(statuses), set(phases), set(tags), set(models), since);
  }

  private static Set<String> set(List<String> values) {
    return values == null ? Set.of() : Set.copyOf(values);
  }
}

package dev.tuner.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tries grouped by one key: how many, how many kept, and the best change of the primary metric. */
public final class Groups {

  /**
   * One group.
   *
   * @param tries tries in the group, the baseline included
   * @param kept tries kept ({@code keep} or {@code explore})
   * @param keepRate kept / tries that were not a baseline, or null when there were none
   * @param best the best change of the primary metric among the group's tries, or null when none
   *     has one
   */
  public record Group(String key, int tries, int kept, Double keepRate, Change best) {}

  private Groups() {}

  /** The groups in order of first appearance. */
  public static List<Group> of(ReviewLog log, List<Row> rows, GroupBy by) {
    Map<String, List<Row>> byKey = new LinkedHashMap<>();
    for (Row row : rows) {
      for (String key : by.keys(row)) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
      }
    }
    List<Group> groups = new ArrayList<>();
    byKey.forEach(
        (key, members) -> {
          int kept = (int) members.stream().filter(Row::kept).count();
          long candidates = members.stream().filter(r -> !r.baseline()).count();
          Change best = null;
          for (Row r : members) {
            if (r.primary() != null && r.primary().betterThan(best, log.lowerIsBetter(r))) {
              best = r.primary();
            }
          }
          groups.add(
              new Group(
                  key,
                  members.size(),
                  kept,
                  candidates == 0 ? null : (double) kept / candidates,
                  best));
        });
    return List.copyOf(groups);
  }
}

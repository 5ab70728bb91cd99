package dev.tuner.init;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The lines tuner's files need in {@code .gitignore}: its run state and received outputs. */
final class GitIgnore {

  /** Each line init adds, and the lines that already mean the same. */
  static final List<String> LINES = List.of(".tuner/", "goldens/*.received.json");

  private static final List<Set<String>> SAME =
      List.of(
          Set.of(".tuner/", ".tuner", "/.tuner/", "/.tuner", ".tuner/**", "/.tuner/**"),
          Set.of(
              "goldens/*.received.json",
              "/goldens/*.received.json",
              "*.received.json",
              "**/*.received.json"));

  private GitIgnore() {}

  /** The lines of {@link #LINES} that {@code existing} (null: no file) does not have yet. */
  static List<String> missing(String existing) {
    Set<String> present =
        existing == null ? Set.of() : Set.copyOf(existing.lines().map(String::strip).toList());
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < LINES.size(); i++) {
      if (SAME.get(i).stream().noneMatch(present::contains)) {
        missing.add(LINES.get(i));
      }
    }
    return missing;
  }

  /** {@code existing} (null: no file) with {@code lines} appended, under a comment. */
  static String append(String existing, List<String> lines) {
    String text = existing == null ? "" : existing;
    String nl = text.contains("\r\n") ? "\r\n" : "\n";
    StringBuilder s = new StringBuilder(text);
    if (!text.isEmpty() && !text.endsWith("\n")) {
      s.append(nl);
    }
    if (!text.isBlank()) {
      s.append(nl);
    }
    s.append("# tuner: run state and outputs that differ from their goldens").append(nl);
    lines.forEach(line -> s.append(line).append(nl));
    return s.toString();
  }
}

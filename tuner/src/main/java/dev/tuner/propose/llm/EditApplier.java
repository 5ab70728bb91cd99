package dev.tuner.propose.llm;

import dev.tuner.spec.Scope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a model's search/replace edits to the working tree, all or nothing: every edit is checked
 * and applied in memory first (the file is in scope, the search text occurs exactly once), and only
 * then are the files written; if a write fails, the files already written are put back.
 */
public final class EditApplier {

  private final Path root;
  private final Scope scope;

  public EditApplier(Path root, Scope scope) {
    this.root = root;
    this.scope = scope;
  }

  /** The reason the edits cannot be applied, or null once they all are. */
  public String apply(List<Answer.Edit> edits) throws IOException {
    Map<Path, String> before = new LinkedHashMap<>();
    Map<Path, String> after = new LinkedHashMap<>();
    for (int i = 0; i < edits.size(); i++) {
      Answer.Edit edit = edits.get(i);
      String where = "edits[" + i + "] (" + edit.file() + ")";
      Path relative;
      try {
        relative = Path.of(edit.file()).normalize();
      } catch (java.nio.file.InvalidPathException e) {
        return where + ": not a valid path";
      }
      if (relative.isAbsolute() || relative.startsWith("..") || relative.toString().isEmpty()) {
        return where + ": the path must be relative to the repository root and stay inside it";
      }
      String name = relative.toString().replace('\\', '/');
      if (!scope.allows(name)) {
        return where
            + ": "
            + name
            + " is out of scope (not in scope.include, or frozen); edit only the in-scope"
            + " files listed in the prompt";
      }
      Path file = root.resolve(relative);
      String current = after.get(file);
      if (current == null) {
        if (Files.isRegularFile(file)) {
          current = Files.readString(file, StandardCharsets.UTF_8);
          before.put(file, current);
        } else if (Files.exists(file)) {
          return where + ": not a regular file";
        }
      }
      if (edit.search().isEmpty()) {
        if (current != null) {
          return where
              + ": an empty search text creates a new file, but "
              + name
              + " exists; quote the text to replace";
        }
        after.put(file, edit.replace());
        continue;
      }
      if (current == null) {
        return where + ": no such file " + name;
      }
      int first = current.indexOf(edit.search());
      if (first < 0) {
        return where
            + ": the search text does not occur in "
            + name
            + closest(current, edit.search())
            + "; quote the current file exactly, whitespace included";
      }
      int count = occurrences(current, edit.search());
      if (count > 1) {
        return where
            + ": the search text occurs "
            + count
            + " times in "
            + name
            + "; include more surrounding lines so it occurs exactly once";
      }
      after.put(
          file,
          current.substring(0, first)
              + edit.replace()
              + current.substring(first + edit.search().length()));
    }
    write(before, after);
    return null;
  }

  private static void write(Map<Path, String> before, Map<Path, String> after) throws IOException {
    List<Path> written = new ArrayList<>();
    try {
      for (var e : after.entrySet()) {
        if (e.getKey().getParent() != null) {
          Files.createDirectories(e.getKey().getParent());
        }
        Files.writeString(e.getKey(), e.getValue(), StandardCharsets.UTF_8);
        written.add(e.getKey());
      }
    } catch (IOException e) {
      for (Path file : written) {
        if (before.containsKey(file)) {
          Files.writeString(file, before.get(file), StandardCharsets.UTF_8);
        } else {
          Files.deleteIfExists(file);
        }
      }
      throw e;
    }
  }

  private static int occurrences(String text, String search) {
    int count = 0;
    for (int i = text.indexOf(search); i >= 0; i = text.indexOf(search, i + 1)) {
      count++;
    }
    return count;
  }

  /** Where the search text's first line does occur, which tells a model what it misquoted. */
  private static String closest(String text, String search) {
    String firstLine = search.strip().lines().findFirst().orElse("").strip();
    if (firstLine.length() < 8) {
      return "";
    }
    int at = text.indexOf(firstLine);
    if (at < 0) {
      return "";
    }
    long line = text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    return " (its first line occurs at line " + line + ", so a later line differs)";
  }
}

package dev.tuner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * Golden-file checks for tuner's printed output: a test renders its output from a fixed input and
 * compares it, whole, with a file checked in under {@code src/test/resources/golden/}.
 *
 * <p>On a mismatch the test fails with a unified diff of the lines (expected = the golden file,
 * actual = the output) and leaves the output in {@code target/golden-received/} for a closer look.
 * After a deliberate change to the output, regenerate the files and review them with {@code git
 * diff}:
 *
 * <pre>
 * mvn -B -o -pl harness,example,benchmarks,tuner -am test -Dtest='*GoldenTest' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true
 * </pre>
 *
 * <p>Line endings are compared as {@code \n}; files are UTF-8. Paths are relative to the {@code
 * tuner} module, the working directory of its tests.
 */
public final class GoldenFiles {

  /** The system property that rewrites the golden files instead of comparing with them. */
  public static final String UPDATE_PROPERTY = "golden.update";

  static final Path GOLDEN = Path.of("src/test/resources/golden");
  static final Path RECEIVED = Path.of("target/golden-received");

  private static final int CONTEXT = 3;

  private GoldenFiles() {}

  /**
   * Checks {@code actual} against the golden file {@code name} (a path under {@code
   * src/test/resources/golden/}, such as {@code log/small-table.txt}), or writes it there when
   * {@code -Dgolden.update=true}.
   */
  public static void assertMatchesGolden(String name, String actual) {
    String received = normalise(actual);
    Path golden = GOLDEN.resolve(name);
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      if (!Files.isRegularFile(golden) || !normalise(read(golden)).equals(received)) {
        write(golden, received);
        System.err.println("golden file written: " + golden);
      }
      return;
    }
    if (!Files.isRegularFile(golden)) {
      write(RECEIVED.resolve(name), received);
      throw new AssertionFailedError(
          String.format(
              "no golden file %s; run with -D%s=true to create it (the output is in %s)",
              golden, UPDATE_PROPERTY, RECEIVED.resolve(name)));
    }
    String expected = normalise(read(golden));
    if (!expected.equals(received)) {
      write(RECEIVED.resolve(name), received);
      throw new AssertionFailedError(
          String.format(
                  "output differs from the golden file %s (- golden, + output; the output is in %s;"
                      + " after a deliberate change run with -D%s=true and review the files)\n",
                  golden, RECEIVED.resolve(name), UPDATE_PROPERTY)
              + diff(expected, received),
          expected,
          received);
    }
  }

  /** A unified diff of two texts by lines, with {@value #CONTEXT} lines of context per hunk. */
  static String diff(String expected, String actual) {
    List<String> a = expected.lines().toList();
    List<String> b = actual.lines().toList();
    // Longest common subsequence by dynamic programming: the texts are a few hundred lines at most.
    int[][] common = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        common[i][j] =
            a.get(i).equals(b.get(j))
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    // The edit script: ' ' in both, '-' only in the golden file, '+' only in the output.
    List<Edit> edits = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        edits.add(new Edit(' ', a.get(i), i++, j++));
      } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
        edits.add(new Edit('-', a.get(i), i++, j));
      } else {
        edits.add(new Edit('+', b.get(j), i, j++));
      }
    }
    StringBuilder out = new StringBuilder();
    int k = 0;
    while (k < edits.size()) {
      if (edits.get(k).op() == ' ') {
        k++;
        continue;
      }
      // A hunk: CONTEXT lines before this change to CONTEXT lines after the last change that
      // follows it with at most 2 * CONTEXT unchanged lines between (hunks' contexts would touch).
      int start = Math.max(0, k - CONTEXT);
      int last = k;
      for (int m = k + 1; m < edits.size() && m - last <= 2 * CONTEXT + 1; m++) {
        if (edits.get(m).op() != ' ') {
          last = m;
        }
      }
      int end = Math.min(edits.size() - 1, last + CONTEXT);
      List<Edit> hunk = edits.subList(start, end + 1);
      out.append("@@ -")
          .append(hunk.get(0).lineA() + 1)
          .append(',')
          .append(hunk.stream().filter(e -> e.op() != '+').count())
          .append(" +")
          .append(hunk.get(0).lineB() + 1)
          .append(',')
          .append(hunk.stream().filter(e -> e.op() != '-').count())
          .append(" @@\n");
      hunk.forEach(e -> out.append(e.op()).append(e.text()).append('\n'));
      k = end + 1;
    }
    if (expected.endsWith("\n") != actual.endsWith("\n")) {
      out.append(
          actual.endsWith("\n")
              ? "(the golden file has no newline at its end)\n"
              : "(the output has no newline at its end)\n");
    }
    return out.toString();
  }

  /** One line of the diff and where it stands in each text (0-based). */
  private record Edit(char op, String text, int lineA, int lineB) {}

  private static String normalise(String text) {
    return text.replace("\r\n", "\n");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.tuner.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The committed file of JVM options for the benchmark forks ({@code benchmark.jvmOptionsFile}): one
 * option per line, {@code #} comments and blank lines ignored. Being a file in the tree, a kept
 * value is carried by its commit, and a reset takes it back, like any other change.
 */
public final class JvmOptionsFile {

  private JvmOptionsFile() {}

  /** The options in the file; none when it does not exist. */
  public static List<String> read(Path file) throws IOException {
    return file == null || !Files.exists(file)
        ? List.of()
        : parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** The options in a file's text. */
  public static List<String> parse(String text) {
    List<String> options = new ArrayList<>();
    for (String line : text.lines().toList()) {
      String s = line.strip();
      if (!s.isEmpty() && !s.startsWith("#")) {
        options.add(s);
      }
    }
    return options;
  }

  /**
   * {@code base} with {@code extra} merged over it: an extra option replaces the base options that
   * set the same thing (the same {@code -XX} flag, {@code -Xmx}/{@code -Xms}/{@code -Xss}/{@code
   * -Xmn}, {@code -D} property), and choosing a collector drops the base's collector, since the JVM
   * refuses two.
   */
  public static List<String> merge(List<String> base, List<String> extra) {
    List<String> merged = new ArrayList<>();
    for (String b : base) {
      if (extra.contains(b) || extra.stream().noneMatch(e -> sameSetting(b, e))) {
        merged.add(b);
      }
    }
    extra.stream().filter(e -> !merged.contains(e)).forEach(merged::add);
    return merged;
  }

  private static boolean sameSetting(String a, String b) {
    if (isCollector(a) && isCollector(b)) {
      return true;
    }
    return key(a).equals(key(b));
  }

  private static boolean isCollector(String o) {
    return o.matches("-XX:[+-]Use\\w*GC");
  }

  private static String key(String o) {
    if (o.startsWith("-XX:")) {
      String s = o.substring(4);
      s = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
      int eq = s.indexOf('=');
      return "-XX:" + (eq < 0 ? s : s.substring(0, eq));
    }
    for (String p : List.of("-Xmx", "-Xms", "-Xss", "-Xmn")) {
      if (o.startsWith(p)) {
        return p;
      }
    }
    if (o.startsWith("-D")) {
      int eq = o.indexOf('=');
      return eq < 0 ? o : o.substring(0, eq);
    }
    return o;
  }
}

package dev.tuner.knobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVM knobs' values in the spec's {@code benchmark.jvmOptionsFile}: each knob's options under a
 * comment naming the knob and its value, so the file says which point of the search it holds.
 */
public final class JvmKnobs {

  private JvmKnobs() {}

  /** Writes each JVM knob's options, under a comment naming the knob and its value. */
  public static void write(Path file, List<Knob> knobs, Map<String, String> point)
      throws IOException {
    StringBuilder text =
        new StringBuilder(
            "# JVM options of the benchmark forks, merged over benchmark.jvmArgs; written by tuner's knob search.\n");
    for (Knob k : knobs) {
      String value = point.get(k.name());
      text.append("# ").append(k.name()).append(" = ").append(value).append('\n');
      k.jvmOptions(value).forEach(o -> text.append(o).append('\n'));
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /**
   * Each JVM knob's value as the file sets it: the value whose comment names it, else the knob's
   * first level.
   */
  public static Map<String, String> values(Path file, List<Knob> knobs) throws IOException {
    Map<String, String> found = new LinkedHashMap<>();
    if (file != null && Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        for (Knob k : knobs) {
          String prefix = "# " + k.name() + " = ";
          if (line.startsWith(prefix)) {
            found.put(k.name(), line.substring(prefix.length()));
          }
        }
      }
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Knob k : knobs) {
      values.put(
          k.name(),
          found.getOrDefault(k.name(), k.levels().isEmpty() ? k.valueAt(0) : k.levels().get(0)));
    }
    return values;
  }
}

package dev.tuner.harness.golden;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Compares an output with its golden, structurally: every difference with its JSON path. Numbers
 * may differ by an absolute tolerance; paths that match an ignore pattern ({@code $.a.b}, {@code
 * $.items[*].x}, {@code $.items[3]}) are not compared.
 */
public final class JsonDiff {

  private final double tolerance;
  private final List<Pattern> ignored;

  public JsonDiff(double tolerance, List<String> ignorePaths) {
    this.tolerance = tolerance;
    this.ignored = ignorePaths.stream().map(JsonDiff::toPattern).toList();
  }

  public List<Difference> compare(JsonNode expected, JsonNode actual) {
    List<Difference> out = new ArrayList<>();
    walk("$", expected, actual, out);
    return out;
  }

  private void walk(String path, JsonNode expected, JsonNode actual, List<Difference> out) {
    if (isIgnored(path)) {
      return;
    }
    if (expected == null || actual == null) {
      out.add(new Difference(path, text(expected), text(actual)));
    } else if (expected.isObject() && actual.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        walk(path + "." + name, expected.get(name), actual.get(name), out);
      }
    } else if (expected.isArray() && actual.isArray()) {
      int n = Math.max(expected.size(), actual.size());
      for (int i = 0; i < n; i++) {
        walk(path + "[" + i + "]", expected.get(i), actual.get(i), out);
      }
    } else if (expected.isNumber() && actual.isNumber()) {
      double gap = expected.decimalValue().subtract(actual.decimalValue()).abs().doubleValue();
      if (gap > tolerance) {
        out.add(new Difference(path, text(expected), text(actual)));
      }
    } else if (!expected.equals(actual)) {
      out.add(new Difference(path, text(expected), text(actual)));
    }
  }

  private boolean isIgnored(String path) {
    return ignored.stream().anyMatch(p -> p.matcher(path).matches());
  }

  private static String text(JsonNode node) {
    if (node == null) {
      return null;
    }
    String text = CanonicalJson.compact(node);
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }

  /**
   * {@code $.items[*].id} matches {@code $.items[3].id}; a pattern also covers everything below it.
   */
  private static Pattern toPattern(String path) {
    String p = path.startsWith("$") ? path : "$." + path;
    String regex = Pattern.quote(p).replace("[*]", "\\E\\[\\d+\\]\\Q");
    return Pattern.compile(regex + "(?:[.\\[].*)?");
  }
}

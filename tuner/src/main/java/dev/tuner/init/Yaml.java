package dev.tuner.init;

import java.util.regex.Pattern;

/** YAML scalars as the templates write them: plain where that reads the same, else quoted. */
final class Yaml {

  /** Plain scalars that can only read as strings (no indicators, no ": ", no " #"). */
  private static final Pattern PLAIN =
      Pattern.compile("[A-Za-z_][A-Za-z0-9 _./()+-]*[A-Za-z0-9_./)+-]|[A-Za-z_]");

  /** Plain scalars YAML 1.1 (Jackson's SnakeYAML) would read as something else than a string. */
  private static final Pattern SPECIAL =
      Pattern.compile(
          "(?i)(y|n|yes|no|true|false|on|off|null|~|\\.inf|\\.nan)", Pattern.CASE_INSENSITIVE);

  private Yaml() {}

  /** {@code value} as a scalar that reads back as exactly that string. */
  static String scalar(String value) {
    if (PLAIN.matcher(value).matches() && !SPECIAL.matcher(value).matches()) {
      return value;
    }
    return quoted(value);
  }

  /** {@code value} double-quoted, with JSON's escapes (a subset of YAML's). */
  static String quoted(String value) {
    StringBuilder s = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\t' -> s.append("\\t");
        case '\r' -> s.append("\\r");
        default -> {
          if (c < 0x20) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.append('"').toString();
  }
}

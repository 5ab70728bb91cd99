package dev.tuner.bench;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How reports write numbers: latencies in ms, bytes with a binary unit, calls compactly. */
public final class Format {

  private Format() {}

  /** Nanoseconds as milliseconds with three significant decimals. */
  public static String millis(double nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
  }

  /** Bytes per op: {@code 812 B}, {@code 48.2 KB}, {@code 51.3 MB} (1 KB = 1024 B). */
  public static String bytes(double bytes) {
    if (bytes < 1024) {
      return String.format(Locale.ROOT, "%.0f B", bytes);
    } else if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / 1024);
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024 * 1024));
  }

  /** {@code embeddings=1 reference=20 vectors=1}; fractions only when a count is not whole. */
  public static String calls(Map<String, Double> callsPerOp) {
    if (callsPerOp.isEmpty()) {
      return "-";
    }
    return new java.util.TreeMap<>(callsPerOp)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + number(e.getValue()))
            .collect(Collectors.joining(" "));
  }

  /** A count: whole numbers without decimals, others with up to three. */
  public static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
  }
}

package dev.tuner.knobs;

import dev.tuner.spec.KnobsSpec.KnobSpec;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One declared knob and its values. Numeric knobs map to the unit interval (log scale where
 * declared), so the optimisers search a normalised box; categorical knobs (choice, boolean) have a
 * finite list of levels.
 *
 * @param levels the values of a choice or boolean, or a numeric knob's ordered levels; empty for a
 *     range
 * @param option a JVM knob's option (see {@link KnobSpec#option()}); null for a knobs-file key
 * @param calls the upstreams whose calls it changes (see {@link KnobSpec#calls()})
 */
public record Knob(
    String name,
    Type type,
    boolean jvm,
    double min,
    double max,
    boolean log,
    List<String> levels,
    String option,
    List<String> calls) {

  /** What values a knob takes. */
  public enum Type {
    INTEGER,
    REAL,
    CHOICE,
    BOOLEAN;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Knob {
    levels = List.copyOf(levels);
    calls = List.copyOf(calls);
  }

  /** The runtime model of a declaration that {@code KnobChecks} accepted. */
  public static Knob of(KnobSpec s, boolean jvm) {
    Type type = Type.valueOf(s.type().toUpperCase(Locale.ROOT));
    List<String> levels = new ArrayList<>();
    if (type == Type.BOOLEAN) {
      levels.addAll(List.of("false", "true"));
    } else if (s.values() != null) {
      s.values().forEach(v -> levels.add(String.valueOf(v)));
    }
    double min = s.min() == null ? 0 : s.min();
    double max = s.max() == null ? 0 : s.max();
    return new Knob(
        s.name(), type, jvm, min, max, "log".equals(s.scale()), levels, s.option(), s.calls());
  }

  /** Searched by the numeric optimiser (integer or real), rather than by the coordinate sweep. */
  public boolean numeric() {
    return type == Type.INTEGER || type == Type.REAL;
  }

  /**
   * The value at {@code u} in [0, 1]: rounded to an integer, to 4 significant digits, or to the
   * nearest level.
   */
  public String valueAt(double u) {
    double t = Math.max(0, Math.min(1, u));
    if (!levels.isEmpty()) {
      return levels.get((int) Math.round(t * (levels.size() - 1)));
    }
    double x =
        log ? Math.exp(Math.log(min) + t * (Math.log(max) - Math.log(min))) : min + t * (max - min);
    if (type == Type.INTEGER) {
      return Long.toString(
          Math.max((long) Math.ceil(min), Math.min((long) Math.floor(max), Math.round(x))));
    }
    return new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  /**
   * Where {@code value} lies in [0, 1] (the nearest level for a listed one; clamped for a range).
   */
  public double unitOf(String value) {
    if (!levels.isEmpty()) {
      int i = levels.indexOf(value);
      if (i < 0 && numeric()) {
        i = nearestLevel(Double.parseDouble(value));
      }
      return levels.size() == 1 ? 0 : Math.max(0, i) / (double) (levels.size() - 1);
    }
    double x = Double.parseDouble(value);
    double u =
        log
            ? (Math.log(Math.max(x, min)) - Math.log(min)) / (Math.log(max) - Math.log(min))
            : (x - min) / (max - min);
    return Math.max(0, Math.min(1, u));
  }

  /** The values an exhaustive grid tries: the levels, or {@code n} points spread over the range. */
  public List<String> gridLevels(int n) {
    if (!levels.isEmpty()) {
      return levels;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String v = valueAt(n == 1 ? 0 : i / (double) (n - 1));
      if (!out.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * A JVM knob's options for a value: none, the flag, the template filled, or the choice's own
   * options.
   */
  public List<String> jvmOptions(String value) {
    return switch (type) {
      case BOOLEAN -> Boolean.parseBoolean(value) ? List.of(option) : List.of();
      case CHOICE -> Arrays.stream(value.strip().split("\\s+")).filter(o -> !o.isEmpty()).toList();
      default -> Arrays.stream(option.replace("{}", value).strip().split("\\s+")).toList();
    };
  }

  private int nearestLevel(double x) {
    int best = 0;
    for (int i = 1; i < levels.size(); i++) {
      if (Math.abs(Double.parseDouble(levels.get(i)) - x)
          < Math.abs(Double.parseDouble(levels.get(best)) - x)) {
        best = i;
      }
    }
    return best;
  }
}

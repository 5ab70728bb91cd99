package dev.tuner.spec;

import dev.tuner.harness.spec.SpecException;
import dev.tuner.harness.spec.SpecReader;
import dev.tuner.spec.KnobsSpec.KnobSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks of the {@code knobs:} section (and {@code benchmark.jvmOptionsFile}); errors name key
 * and line.
 */
final class KnobChecks {

  private static final List<String> TYPES = List.of("integer", "real", "choice", "boolean");
  private static final List<String> OPTIMIZERS = List.of("cmaes", "bobyqa", "nelder-mead");

  /** Combinations of call-changing knob values: each is one more recording of every case. */
  private static final int MAX_VARIANTS = 16;

  private KnobChecks() {}

  static void check(TunerSpec spec, SpecReader reader, Path root) throws SpecException {
    String jvmFile = spec.benchmark().jvmOptionsFile();
    if (jvmFile != null) {
      inScope(spec, reader, "benchmark.jvmOptionsFile", jvmFile);
    }
    KnobsSpec k = spec.knobs();
    if (k == null) {
      return;
    }
    if (k.file() == null || k.file().isBlank()) {
      if (!k.params().isEmpty()) {
        throw reader.error("knobs.file", "missing: the file whose keys knobs.params set");
      }
    } else {
      inScope(spec, reader, "knobs.file", k.file());
      if (!Files.isRegularFile(root.resolve(k.file()))) {
        throw reader.error(
            "knobs.file", "no such file: " + k.file() + " (relative to " + root + ")");
      }
    }
    if (!OPTIMIZERS.contains(k.optimizer())) {
      throw reader.error("knobs.optimizer", "'" + k.optimizer() + "' is not one of " + OPTIMIZERS);
    }
    if (k.params().isEmpty() && k.jvm().isEmpty()) {
      throw reader.error("knobs", "declares no knob: list knobs.params or knobs.jvm");
    }
    if (!k.jvm().isEmpty() && jvmFile == null) {
      throw reader.error(
          "knobs.jvm", "JVM knobs need benchmark.jvmOptionsFile: the committed file they write");
    }
    Set<String> names = new HashSet<>();
    KnobFile file = k.file() == null ? null : new KnobFile(root.resolve(k.file()));
    int numeric = 0;
    for (int i = 0; i < k.params().size(); i++) {
      numeric += knob(reader, "knobs.params[" + i + "]", k.params().get(i), false, names) ? 1 : 0;
      String name = k.params().get(i).name();
      String value;
      try {
        value = file.get(name);
      } catch (IOException | RuntimeException e) {
        throw reader.error("knobs.file", k.file() + " cannot be read: " + e.getMessage());
      }
      if (value == null) {
        throw reader.error(
            "knobs.params[" + i + "].name", "'" + name + "' is not a key of " + k.file());
      }
    }
    for (int i = 0; i < k.jvm().size(); i++) {
      numeric += knob(reader, "knobs.jvm[" + i + "]", k.jvm().get(i), true, names) ? 1 : 0;
      if (!k.jvm().get(i).calls().isEmpty()) {
        throw reader.error(
            "knobs.jvm[" + i + "].calls",
            "a JVM option cannot change the hot path's calls;" + " only knobs.params can");
      }
    }
    int variants = 1;
    for (int i = 0; i < k.params().size(); i++) {
      variants *= callVariants(spec, reader, "knobs.params[" + i + "]", k.params().get(i));
    }
    if (variants > MAX_VARIANTS) {
      throw reader.error(
          "knobs.params",
          "the knobs that change calls have "
              + variants
              + " combinations of values,"
              + " each recorded for every case; at most "
              + MAX_VARIANTS);
    }
    if (k.optimizer().equals("bobyqa") && numeric < 2) {
      throw reader.error(
          "knobs.optimizer",
          "bobyqa needs at least two numeric knobs; declared "
              + numeric
              + " (use cmaes or nelder-mead)");
    }
  }

  /**
   * How many values {@code tuner record} records for a knob that changes calls (1 for any other
   * knob).
   */
  private static int callVariants(TunerSpec spec, SpecReader reader, String key, KnobSpec s)
      throws SpecException {
    if (s.calls().isEmpty()) {
      return 1;
    }
    for (String upstream : s.calls()) {
      if (!spec.upstreams().containsKey(upstream)) {
        throw reader.error(
            key + ".calls",
            "no upstream named '" + upstream + "'; declared: " + spec.upstreams().keySet());
      }
    }
    if (s.values() == null && !"boolean".equals(s.type())) {
      throw reader.error(
          key + ".calls",
          "a knob that changes calls needs its values listed (values: [...]):"
              + " tuner record records the calls of each, and the search tries no other");
    }
    return "boolean".equals(s.type()) ? 2 : s.values().size();
  }

  /** Checks one declaration; true when it is numeric. */
  private static boolean knob(
      SpecReader reader, String key, KnobSpec s, boolean jvm, Set<String> names)
      throws SpecException {
    if (s.name() == null || s.name().isBlank()) {
      throw reader.error(key + ".name", "missing");
    }
    if (!names.add(s.name())) {
      throw reader.error(key + ".name", "duplicate knob '" + s.name() + "'");
    }
    if (s.type() == null) {
      throw reader.error(key + ".type", "missing: one of " + TYPES);
    }
    if (!TYPES.contains(s.type())) {
      throw reader.error(key + ".type", "'" + s.type() + "' is not one of " + TYPES);
    }
    if (s.scale() != null && !List.of("linear", "log").contains(s.scale())) {
      throw reader.error(key + ".scale", "'" + s.scale() + "' is not one of [linear, log]");
    }
    boolean numeric = s.type().equals("integer") || s.type().equals("real");
    switch (s.type()) {
      case "choice" -> {
        if (s.values() == null || s.values().isEmpty()) {
          throw reader.error(key + ".values", "a choice needs at least one value");
        }
        noRange(reader, key, s);
      }
      case "boolean" -> {
        if (s.values() != null) {
          throw reader.error(
              key + ".values", "a boolean's values are false and true; remove values");
        }
        noRange(reader, key, s);
        if (jvm && (s.option() == null || s.option().isBlank())) {
          throw reader.error(key + ".option", "missing: the JVM flag the knob adds when true");
        }
      }
      default -> {
        if (s.values() != null) {
          if (s.values().isEmpty()) {
            throw reader.error(
                key + ".values", "empty: list the knob's levels, or give min and max instead");
          }
          if (s.min() != null || s.max() != null) {
            throw reader.error(key + ".values", "give either values or min and max, not both");
          }
          for (Object v : s.values()) {
            if (!(v instanceof Number)
                || (s.type().equals("integer") && !(v instanceof Integer || v instanceof Long))) {
              throw reader.error(
                  key + ".values",
                  "'" + v + "' is not " + (s.type().equals("integer") ? "an integer" : "a number"));
            }
          }
        } else {
          if (s.min() == null || s.max() == null) {
            throw reader.error(
                key + (s.min() == null ? ".min" : ".max"),
                "missing: a numeric knob needs min and max," + " or values");
          }
          if (!(s.min() < s.max())) {
            throw reader.error(
                key + ".max", "empty range: min " + s.min() + " is not below max " + s.max());
          }
          if ("log".equals(s.scale()) && s.min() <= 0) {
            throw reader.error(key + ".min", "a log scale needs min > 0, got " + s.min());
          }
        }
        if (jvm && (s.option() == null || !s.option().contains("{}"))) {
          throw reader.error(
              key + ".option",
              "a numeric JVM knob needs an option template with {}, such as -Xmx{}m");
        }
      }
    }
    if (!jvm && s.option() != null) {
      throw reader.error(key + ".option", "only JVM knobs (knobs.jvm) have an option");
    }
    return numeric;
  }

  private static void noRange(SpecReader reader, String key, KnobSpec s) throws SpecException {
    if (s.min() != null || s.max() != null || s.scale() != null) {
      throw reader.error(
          key + (s.min() != null ? ".min" : s.max() != null ? ".max" : ".scale"),
          "only integer and real knobs have a range or a scale");
    }
  }

  private static void inScope(TunerSpec spec, SpecReader reader, String key, String path)
      throws SpecException {
    if (Path.of(path).isAbsolute() || Path.of(path).normalize().startsWith("..")) {
      throw reader.error(
          key, "must be a path inside the repository, relative to its root: " + path);
    }
    if (!new Scope(spec.scope()).allows(Path.of(path).normalize().toString())) {
      throw reader.error(
          key, path + " is outside scope.include or frozen: the search could not change it");
    }
  }
}

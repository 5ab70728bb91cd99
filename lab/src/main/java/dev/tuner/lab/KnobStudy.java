package dev.tuner.lab;

import dev.tuner.error.EnvironmentException;
import dev.tuner.error.UsageException;
import dev.tuner.harness.spec.CaseSpec;
import dev.tuner.harness.spec.SpecException;
import dev.tuner.harness.spec.Split;
import dev.tuner.knobs.Knob;
import dev.tuner.knobs.KnobSpace;
import dev.tuner.spec.TunerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A spec and its knob space, as the grid commands read them: the arguments that name points and
 * cases only mean something against the declared knobs, so they are checked here, before anything
 * is measured.
 *
 * @param specFile the spec, absolute: its directory is the repository root
 */
record KnobStudy(Path specFile, TunerSpec spec, KnobSpace space) {

  static KnobStudy load(Path specFile) throws SpecException, UsageException {
    Path file = specFile.toAbsolutePath();
    TunerSpec spec = TunerSpec.load(file);
    if (spec.knobs() == null) {
      throw new UsageException(file + ": no knobs: section; the grid is over the declared knobs");
    }
    return new KnobStudy(file, spec, KnobSpace.of(spec.knobs()));
  }

  Path root() {
    return specFile.getParent();
  }

  /**
   * The built artifact, absolute; checked before a table is started, so a missing build fails at
   * once instead of after the table's header is written.
   */
  static Path artifact(Path given) throws EnvironmentException {
    Path jar = given.toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new EnvironmentException(
          given
              + ": no such artifact; build it first (mvn -B -pl example -am package"
              + " -DskipTests)");
    }
    return jar;
  }

  /** The cases named, or every tune case when none is. */
  List<String> cases(List<String> named) {
    if (!named.isEmpty()) {
      return List.copyOf(named);
    }
    return spec.cases().stream().filter(c -> c.split() == Split.TUNE).map(CaseSpec::id).toList();
  }

  /** {@code k=v,k=v}: a value for every knob of the space; {@code option} names it in errors. */
  Map<String, String> point(String option, String text) {
    Map<String, String> p = new LinkedHashMap<>();
    for (String kv : text.split(",")) {
      String[] parts = kv.split("=", 2);
      if (parts.length < 2) {
        throw new IllegalArgumentException(option + ": '" + kv + "' is not KNOB=VALUE");
      }
      p.put(parts[0], parts[1]);
    }
    List<String> names = space.knobs().stream().map(Knob::name).toList();
    if (!p.keySet().equals(Set.copyOf(names))) {
      throw new IllegalArgumentException(
          option + ": a point names every knob once: " + names + ", got " + p.keySet());
    }
    return space.with(p, Map.of());
  }

  /** {@code k=v|v;k=v}: the points whose knobs have one of the values named; null: every point. */
  Predicate<Map<String, String>> only(String text) {
    Predicate<Map<String, String>> all = p -> true;
    if (text != null) {
      for (String condition : text.split(";")) {
        String[] kv = condition.split("=", 2);
        if (kv.length < 2 || space.knobs().stream().noneMatch(k -> k.name().equals(kv[0]))) {
          throw new IllegalArgumentException(
              "--only: '" + condition + "' is not KNOB=VALUE|VALUE for a declared knob");
        }
        Set<String> values = Set.of(kv[1].split("\\|"));
        all = all.and(p -> values.contains(p.get(kv[0])));
      }
    }
    return all;
  }
}

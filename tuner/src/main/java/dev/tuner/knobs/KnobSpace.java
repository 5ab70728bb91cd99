package dev.tuner.knobs;

import dev.tuner.spec.KnobsSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The declared knobs, knobs-file keys first, then JVM options. A point is a map from every knob's
 * name to a value, in declaration order.
 */
public record KnobSpace(List<Knob> knobs) {

  /** Levels per range knob in the exhaustive grid when it lists no values. */
  public static final int GRID_LEVELS = 5;

  public KnobSpace {
    knobs = List.copyOf(knobs);
  }

  public static KnobSpace of(KnobsSpec spec) {
    List<Knob> all = new ArrayList<>();
    spec.params().forEach(s -> all.add(Knob.of(s, false)));
    spec.jvm().forEach(s -> all.add(Knob.of(s, true)));
    return new KnobSpace(all);
  }

  public List<Knob> params() {
    return knobs.stream().filter(k -> !k.jvm()).toList();
  }

  public List<Knob> jvm() {
    return knobs.stream().filter(Knob::jvm).toList();
  }

  public List<Knob> numeric() {
    return knobs.stream().filter(Knob::numeric).toList();
  }

  public List<Knob> categorical() {
    return knobs.stream().filter(k -> !k.numeric()).toList();
  }

  /** {@code base} with some values replaced, in declaration order. */
  public Map<String, String> with(Map<String, String> base, Map<String, String> changes) {
    Map<String, String> p = new LinkedHashMap<>();
    for (Knob k : knobs) {
      p.put(k.name(), changes.containsKey(k.name()) ? changes.get(k.name()) : base.get(k.name()));
    }
    return Collections.unmodifiableMap(p);
  }

  /** Every combination of the knobs' grid levels, the last knob varying fastest. */
  public List<Map<String, String>> grid(int levels) {
    List<Map<String, String>> points = new ArrayList<>();
    points.add(Map.of());
    for (Knob k : knobs) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> p : points) {
        for (String v : k.gridLevels(levels)) {
          Map<String, String> q = new LinkedHashMap<>(p);
          q.put(k.name(), v);
          next.add(q);
        }
      }
      points = next;
    }
    return points.stream().map(p -> with(p, Map.of())).toList();
  }

  /** {@code a=1 b=2}, for descriptions and tables. */
  public static String describe(Map<String, String> point) {
    StringBuilder s = new StringBuilder();
    point.forEach((k, v) -> s.append(s.length() == 0 ? "" : " ").append(k).append('=').append(v));
    return s.toString();
  }
}

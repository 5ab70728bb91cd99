package dev.tuner.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tool call's arguments, read by name with their types checked; each fault names the tool and the
 * argument, since the agent reading it has only the message to correct its call.
 */
final class Arguments {

  private final String where;
  private final Map<String, Object> args;

  Arguments(String where, Map<String, Object> args) {
    this.where = where;
    this.args = args == null ? Map.of() : args;
  }

  /** Refuses an argument the tool does not take (a typo would otherwise pass unnoticed). */
  Arguments only(Set<String> known) throws BadArguments {
    Set<String> unknown = new TreeSet<>(args.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new BadArguments(
          where + ": unknown argument(s) " + unknown + "; it takes " + new TreeSet<>(known));
    }
    return this;
  }

  String string(String name) throws BadArguments {
    Object v = args.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new BadArguments(where + ": " + name + " must be a string, not " + kind(v));
    }
    return s;
  }

  String string(String name, String fallback) throws BadArguments {
    String s = string(name);
    return s == null ? fallback : s;
  }

  String required(String name) throws BadArguments {
    String s = string(name);
    if (s == null) {
      throw new BadArguments(where + ": " + name + " is required");
    }
    return s;
  }

  boolean flag(String name) throws BadArguments {
    Object v = args.get(name);
    if (v == null) {
      return false;
    }
    if (!(v instanceof Boolean b)) {
      throw new BadArguments(where + ": " + name + " must be true or false, not " + kind(v));
    }
    return b;
  }

  /** A whole number of at least 0; null when absent. */
  Long count(String name) throws BadArguments {
    Object v = args.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new BadArguments(where + ": " + name + " must be a whole number, not " + kind(v));
    }
    if (n.longValue() < 0) {
      throw new BadArguments(where + ": " + name + " must be 0 or more, not " + n);
    }
    return n.longValue();
  }

  /** A number of at least 0; null when absent. */
  Double decimal(String name) throws BadArguments {
    Object v = args.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() != n.doubleValue()) {
      throw new BadArguments(where + ": " + name + " must be a number of 0 or more, not " + v);
    }
    return n.doubleValue();
  }

  List<String> strings(String name) throws BadArguments {
    Object v = args.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof List<?> list)) {
      throw new BadArguments(where + ": " + name + " must be a list of strings, not " + kind(v));
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s)) {
        throw new BadArguments(where + ": " + name + " must hold strings only, not " + kind(o));
      }
      out.add(s);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> objects(String name) throws BadArguments {
    Object v = args.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof List<?> list)) {
      throw new BadArguments(where + ": " + name + " must be a list of objects, not " + kind(v));
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m)) {
        throw new BadArguments(where + ": " + name + " must hold objects only, not " + kind(o));
      }
      out.add((Map<String, Object>) m);
    }
    return out;
  }

  private static String kind(Object v) {
    return v instanceof String
        ? "a string"
        : v instanceof Number
            ? "a number"
            : v instanceof Boolean
                ? "a boolean"
                : v instanceof List ? "a list" : v instanceof Map ? "an object" : "null";
  }
}

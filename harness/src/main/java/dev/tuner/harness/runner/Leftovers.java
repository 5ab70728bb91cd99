package dev.tuner.harness.runner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a build closed in a long-lived {@link InterleaveMain} left behind that could reach the next
 * comparison: a thread still running its code (or holding its class loader as context), or a
 * JVM-wide setting it changed (a system property, the default locale or time zone). Its classes and
 * their static state go with its class loader; these do not, so a JVM with any of them is not
 * reused.
 */
final class Leftovers {

  /** How long a build's threads may take to end after it is closed (an executor shutting down). */
  private static final long GRACE_MILLIS = 1000;

  /** The JVM-wide settings a build can change for everything else in the JVM. */
  record Globals(Map<String, String> properties, Locale locale, TimeZone zone) {

    static Globals now() {
      Map<String, String> properties = new TreeMap<>();
      System.getProperties()
          .stringPropertyNames()
          .forEach(k -> properties.put(k, System.getProperty(k)));
      return new Globals(properties, Locale.getDefault(), TimeZone.getDefault());
    }

    /** What differs from {@code before}; property names only, as values may be secrets. */
    List<String> changedSince(Globals before) {
      List<String> changed = new ArrayList<>();
      Set<String> keys = new TreeSet<>(properties.keySet());
      keys.addAll(before.properties.keySet());
      for (String key : keys) {
        if (!Objects.equals(properties.get(key), before.properties.get(key))) {
          changed.add("system property " + key + " changed");
        }
      }
      if (!locale.equals(before.locale)) {
        changed.add("the default locale changed");
      }
      if (!zone.getID().equals(before.zone.getID())) {
        changed.add("the default time zone changed");
      }
      return changed;
    }
  }

  private Leftovers() {}

  /**
   * What the build whose class loader was named {@code loaderName}, loaded when the JVM-wide
   * settings were {@code before}, left behind once closed; null when nothing.
   */
  static String of(String loaderName, Globals before) throws InterruptedException {
    long deadline = System.nanoTime() + GRACE_MILLIS * 1_000_000;
    List<String> threads = threadsOf(loaderName);
    while (!threads.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      threads = threadsOf(loaderName);
    }
    // Its classes unload and its garbage goes now, not in the next comparison's rounds.
    System.gc();
    List<String> found = new ArrayList<>();
    threads.forEach(t -> found.add("thread '" + t + "' still runs"));
    found.addAll(Globals.now().changedSince(before));
    return found.isEmpty() ? null : "build " + loaderName + " left " + String.join("; ", found);
  }

  /** Live threads running code of the loader, or holding it as their context class loader. */
  static List<String> threadsOf(String loaderName) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      Thread t = e.getKey();
      if (t == Thread.currentThread() || !t.isAlive()) {
        continue;
      }
      ClassLoader context = t.getContextClassLoader();
      boolean ours =
          context != null && loaderName.equals(context.getName())
              || Arrays.stream(e.getValue())
                  .anyMatch(frame -> loaderName.equals(frame.getClassLoaderName()));
      if (ours) {
        names.add(t.getName());
      }
    }
    return names;
  }
}

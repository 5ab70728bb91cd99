package dev.tuner.profile;

import java.util.List;
import java.util.Set;

/** What a frame's name says: whose code it is, and how to show it short. */
final class Frames {

  /**
   * Code that runs the hot path rather than being it: the JDK, JMH, and tuner's own runner and
   * harness (with the libraries it relocates under {@code dev.tuner}).
   */
  private static final List<String> INFRASTRUCTURE =
      List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "org.openjdk.jmh.", "dev.tuner.");

  private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

  private Frames() {}

  static boolean infrastructure(String frame) {
    return INFRASTRUCTURE.stream().anyMatch(frame::startsWith);
  }

  /**
   * Whether a stack's root-most frame is where a thread starts: a {@code Thread}'s run method (JMH
   * measures on pool threads) or a {@code main} method.
   */
  static boolean threadRoot(String frame) {
    return frame.equals("java.lang.Thread.run") || frame.endsWith(".main");
  }

  static boolean jdk(String frame) {
    return JDK.stream().anyMatch(frame::startsWith);
  }

  /**
   * Whether a frame is the project's: its class's package is one of {@code ownPackages}, or, when
   * they are unknown, it is neither the JDK nor tuner's.
   */
  static boolean own(String frame, Set<String> ownPackages) {
    if (frame.endsWith(Profile.ALLOCATED) || frame.startsWith("[")) { // or a marker
      return false;
    }
    if (ownPackages.isEmpty()) {
      return !infrastructure(frame);
    }
    return ownPackages.contains(packageOf(frame));
  }

  /** {@code a.b.C$D.m} → {@code a.b}. */
  static String packageOf(String frame) {
    int method = frame.lastIndexOf('.');
    if (method <= 0) {
      return "";
    }
    int type = frame.lastIndexOf('.', method - 1);
    return type < 0 ? "" : frame.substring(0, type);
  }

  /** {@code a.b.C$D.m} → {@code C$D.m}: what fits in a flame graph's box. */
  static String shortName(String frame) {
    if (frame.endsWith(Profile.ALLOCATED)) {
      String type = frame.substring(0, frame.length() - Profile.ALLOCATED.length());
      return type.substring(type.lastIndexOf('.') + 1) + Profile.ALLOCATED;
    }
    String pkg = packageOf(frame);
    return pkg.isEmpty() ? frame : frame.substring(pkg.length() + 1);
  }
}

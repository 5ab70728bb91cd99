package dev.tuner.harness.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When a benchmark JVM is warm: a rule fixed before the first round, so it cannot bend to the
 * numbers it reads. After each warm-up round it looks at the last {@value #WINDOW} rounds:
 *
 * <ul>
 *   <li>the JIT is quiet: its compilers spent at most {@value #MAX_COMPILE_SHARE} of the window's
 *       wall time compiling (the JVM's own account, summed over compiler threads), and
 *   <li>rounds no longer get faster: the last half of the window is not more than {@value
 *       #MAX_SPEEDUP} faster than the first half.
 * </ul>
 *
 * Both must hold, never before {@code minSeconds}; at {@code capSeconds} warm-up ends whatever the
 * rounds say. With {@link Mode#FIXED} warm-up always runs to the cap (the rule before 2026-12).
 */
public final class WarmupRule {

  /** Rounds the rule judges at once; their halves are compared. */
  static final int WINDOW = 6;

  /** The most of the window's wall time the JIT may spend compiling in a warm JVM. */
  static final double MAX_COMPILE_SHARE = 0.02;

  /** How much faster the window's second half may still be than its first in a warm JVM. */
  static final double MAX_SPEEDUP = 0.01;

  /** How warm-up ends. */
  public enum Mode {
    /** When the rule says steady, or at the cap. */
    STEADY,
    /** At the cap. */
    FIXED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** {@code steady} or {@code fixed}; anything else is an error that names both. */
    public static Mode parse(String text) {
      for (Mode m : values()) {
        if (m.label().equals(text)) {
          return m;
        }
      }
      throw new IllegalArgumentException("warm-up must be steady or fixed, not '" + text + "'");
    }
  }

  /** Where warm-up stands after a round. */
  public enum Verdict {
    WARMING,
    /** The rule holds: the JVM is warm. */
    STEADY,
    /** The cap was reached first. */
    CAPPED
  }

  private record Observed(double seconds, double compileSeconds) {}

  private final Mode mode;
  private final double minSeconds;
  private final double capSeconds;
  private final List<Observed> rounds = new ArrayList<>();

  /**
   * @param minSeconds warm-up never ends before this (steady mode)
   * @param capSeconds warm-up always ends here
   */
  public WarmupRule(Mode mode, double minSeconds, double capSeconds) {
    if (minSeconds < 0 || capSeconds < 0) {
      throw new IllegalArgumentException("warm-up seconds must not be negative");
    }
    this.mode = mode;
    this.minSeconds = Math.min(minSeconds, capSeconds);
    this.capSeconds = capSeconds;
  }

  /**
   * Takes one warm-up round into account.
   *
   * @param roundSeconds the round's wall time
   * @param compileSeconds time the JIT spent compiling during the round
   * @param elapsedSeconds warm-up so far, this round included
   */
  public Verdict after(double roundSeconds, double compileSeconds, double elapsedSeconds) {
    rounds.add(new Observed(roundSeconds, compileSeconds));
    if (elapsedSeconds >= capSeconds) {
      return Verdict.CAPPED;
    }
    if (mode == Mode.FIXED || elapsedSeconds < minSeconds || rounds.size() < WINDOW) {
      return Verdict.WARMING;
    }
    List<Observed> window = rounds.subList(rounds.size() - WINDOW, rounds.size());
    double wall = window.stream().mapToDouble(Observed::seconds).sum();
    double compiling = window.stream().mapToDouble(Observed::compileSeconds).sum();
    double first = window.subList(0, WINDOW / 2).stream().mapToDouble(Observed::seconds).sum();
    double second =
        window.subList(WINDOW / 2, WINDOW).stream().mapToDouble(Observed::seconds).sum();
    boolean jitQuiet = compiling <= MAX_COMPILE_SHARE * wall;
    boolean flat = second >= (1 - MAX_SPEEDUP) * first;
    return jitQuiet && flat ? Verdict.STEADY : Verdict.WARMING;
  }

  /** Whether warm-up is over before any round (a zero cap). */
  public boolean done(double elapsedSeconds) {
    return elapsedSeconds >= capSeconds;
  }
}

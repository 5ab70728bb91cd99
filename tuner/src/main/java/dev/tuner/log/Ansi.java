package dev.tuner.log;

import java.util.regex.Pattern;

/**
 * Terminal escape sequences in text that goes into the log: a build or a proposer that colours its
 * output (Maven without {@code -B}, Gradle, a coding agent) must not leave {@code ESC[31m} in
 * {@code asi.error}.
 */
public final class Ansi {

  /**
   * CSI (ESC [ or the 8-bit 0x9B, parameters, intermediates, a final byte: colours, cursor moves,
   * line erases) and OSC (ESC ], up to BEL or ESC \: window titles, hyperlinks).
   */
  private static final Pattern ESCAPES =
      Pattern.compile(
          "(?:\u001B\\[|\u009B)[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)");

  private Ansi() {}

  /** {@code text} without escape sequences; null stays null. */
  public static String strip(String text) {
    if (text == null || (text.indexOf('\u001B') < 0 && text.indexOf('\u009B') < 0)) {
      return text;
    }
    return ESCAPES.matcher(text).replaceAll("");
  }
}

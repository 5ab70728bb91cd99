package com.example.portfolio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a theme's phrases in a description, as whole words, ignoring case. Hyphens and other
 * punctuation count as word boundaries ("low-carbon" is found in "low-carbon electricity", and "ai"
 * in "AI-driven"), digits and letters do not ("ai" is not found in "maintain").
 */
final class KeywordMatcher {

  /**
   * @param score the sum over matched phrases of weight × ln(1 + occurrences), so repetition helps
   *     with diminishing returns
   * @param matched the phrases found, in dictionary order
   */
  record Evidence(double score, List<String> matched) {
    Evidence {
      matched = List.copyOf(matched);
    }
  }

  private KeywordMatcher() {}

  static Evidence match(Map<String, Double> phrases, String description) {
    double score = 0;
    List<String> matched = new ArrayList<>();
    for (Map.Entry<String, Double> phrase : phrases.entrySet()) {
      String text = description.toLowerCase(Locale.ROOT);
      Matcher m = Pattern.compile(Pattern.quote(phrase.getKey())).matcher(text);
      int occurrences = 0;
      while (m.find()) {
        if (isWordBoundary(text, m.start() - 1) && isWordBoundary(text, m.end())) {
          occurrences++;
        }
      }
      if (occurrences > 0) {
        score += phrase.getValue() * Math.log1p(occurrences);
        if (!matched.contains(phrase.getKey())) {
          matched.add(phrase.getKey());
        }
      }
    }
    return new Evidence(score, matched);
  }

  /** Whether the character at {@code i} (possibly outside the text) cannot continue a word. */
  private static boolean isWordBoundary(String text, int i) {
    return i < 0 || i >= text.length() || !Character.isLetterOrDigit(text.charAt(i));
  }
}

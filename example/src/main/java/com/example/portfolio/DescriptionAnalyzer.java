package com.example.portfolio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Tokenises security descriptions into words, setting numbers (years, head counts) apart. */
final class DescriptionAnalyzer {

  /** A description's words (lower case, punctuation trimmed) and how many numbers it mentions. */
  record Analysis(List<String> words, int numbers) {
    Analysis {
      words = List.copyOf(words);
    }

    int wordCount() {
      return words.size();
    }
  }

  private final LruCache<String, Analysis> cache;

  DescriptionAnalyzer(int cacheSize) {
    this.cache = new LruCache<>(cacheSize);
  }

  Analysis analyze(String description) {
    return cache.get(description, DescriptionAnalyzer::tokenize);
  }

  static Analysis tokenize(String description) {
    List<String> words = new ArrayList<>();
    int numbers = 0;
    for (String raw : description.toLowerCase(Locale.ROOT).split("\\s+")) {
      String token = trimPunctuation(raw);
      if (token.isEmpty()) {
        continue;
      }
      if (isNumber(token)) {
        numbers++;
      } else {
        words.add(token);
      }
    }
    return new Analysis(words, numbers);
  }

  /** {@code raw} without leading and trailing punctuation: "(2019)," becomes "2019". */
  static String trimPunctuation(String raw) {
    int from = 0;
    int to = raw.length();
    while (from < to && isPunctuation(raw.charAt(from))) {
      from++;
    }
    while (to > from && isPunctuation(raw.charAt(to - 1))) {
      to--;
    }
    return raw.substring(from, to);
  }

  private static boolean isPunctuation(char c) {
    return c < 128 && !Character.isLetterOrDigit(c) && !Character.isWhitespace(c);
  }

  static boolean isNumber(String token) {
    try {
      Double.parseDouble(token);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}

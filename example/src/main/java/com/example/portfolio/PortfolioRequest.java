package com.example.portfolio;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a caller asks for: a theme and how to build the portfolio.
 *
 * @param theme free text; known themes (and their aliases) use the curated dictionary
 * @param topN how many holdings at most
 * @param k how many vector-search candidates to consider
 * @param maxPerSector how many holdings one sector may contribute at most
 * @param minMarketCap smallest eligible market cap, millions of US dollars
 * @param countries eligible ISO country codes, sorted; empty means all
 * @param excludeSectors sectors never held, sorted
 */
public record PortfolioRequest(
    String theme,
    int topN,
    int k,
    int maxPerSector,
    double minMarketCap,
    List<String> countries,
    List<String> excludeSectors) {

  public static final int DEFAULT_TOP_N = 20;
  public static final int DEFAULT_K = 200;
  public static final int DEFAULT_MAX_PER_SECTOR = 5;

  static final Set<String> KEYS =
      Set.of("theme", "topN", "k", "maxPerSector", "minMarketCap", "countries", "excludeSectors");

  public PortfolioRequest {
    if (theme == null || theme.isBlank()) {
      throw new IllegalArgumentException("input 'theme' must be a non-blank string");
    }
    if (theme.length() > 200) {
      throw new IllegalArgumentException("input 'theme' is longer than 200 characters");
    }
    range("topN", topN, 1, 100);
    range("k", k, 1, 1_000);
    range("maxPerSector", maxPerSector, 1, 100);
    if (!(minMarketCap >= 0) || Double.isInfinite(minMarketCap)) {
      throw new IllegalArgumentException(
          "input 'minMarketCap' must be a finite number >= 0, got " + minMarketCap);
    }
    countries = List.copyOf(new TreeSet<>(countries));
    excludeSectors = List.copyOf(new TreeSet<>(excludeSectors));
  }

  /** A request with the defaults for everything but the theme. */
  public static PortfolioRequest of(String theme) {
    return new PortfolioRequest(
        theme, DEFAULT_TOP_N, DEFAULT_K, DEFAULT_MAX_PER_SECTOR, 0, List.of(), List.of());
  }

  /**
   * Reads a case's input map. Unknown keys and values of the wrong type are rejected with an
   * {@link IllegalArgumentException} naming the key.
   */
  public static PortfolioRequest fromInput(Map<String, ?> input) {
    if (input == null) {
      throw new IllegalArgumentException("input is missing; it needs at least 'theme'");
    }
    Set<String> unknown = new TreeSet<>(input.keySet());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown input key '" + unknown.iterator().next() + "'; known keys: "
              + new TreeSet<>(KEYS));
    }
    Object theme = input.get("theme");
    if (!(theme instanceof String)) {
      throw new IllegalArgumentException(
          theme == null ? "input 'theme' is required" : "input 'theme' must be a string, got "
              + describe(theme));
    }
    return new PortfolioRequest(
        (String) theme,
        integer(input, "topN", DEFAULT_TOP_N),
        integer(input, "k", DEFAULT_K),
        integer(input, "maxPerSector", DEFAULT_MAX_PER_SECTOR),
        number(input, "minMarketCap", 0),
        countries(input),
        excludeSectors(input));
  }

  private static int integer(Map<String, ?> input, String key, int fallback) {
    Object value = input.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte || value instanceof BigInteger) {
      long n = ((Number) value).longValue();
      if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE
          && (!(value instanceof BigInteger) || ((BigInteger) value).bitLength() < 32)) {
        return (int) n;
      }
    } else if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      double d = ((Number) value).doubleValue();
      if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
        return (int) d;
      }
    }
    throw new IllegalArgumentException(
        "input '" + key + "' must be an integer, got " + describe(value));
  }

  private static double number(Map<String, ?> input, String key, double fallback) {
    Object value = input.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number) {
      return ((Number) value).doubleValue();
    }
    throw new IllegalArgumentException(
        "input '" + key + "' must be a number, got " + describe(value));
  }

  private static List<String> countries(Map<String, ?> input) {
    List<String> codes = new ArrayList<>();
    for (String code : strings(input, "countries")) {
      String upper = code.trim().toUpperCase(Locale.ROOT);
      if (!upper.matches("[A-Z]{2}")) {
        throw new IllegalArgumentException(
            "input 'countries' must hold ISO 3166 alpha-2 codes, got '" + code + "'");
      }
      codes.add(upper);
    }
    return codes;
  }

  private static List<String> excludeSectors(Map<String, ?> input) {
    List<String> sectors = strings(input, "excludeSectors");
    for (String sector : sectors) {
      if (!Sectors.ALL.contains(sector)) {
        throw new IllegalArgumentException(
            "input 'excludeSectors' has unknown sector '" + sector + "'; sectors: " + Sectors.ALL);
      }
    }
    return sectors;
  }

  private static List<String> strings(Map<String, ?> input, String key) {
    Object value = input.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(
          "input '" + key + "' must be a list of strings, got " + describe(value));
    }
    List<String> strings = new ArrayList<>(list.size());
    for (Object item : list) {
      if (!(item instanceof String s)) {
        throw new IllegalArgumentException(
            "input '" + key + "' must be a list of strings, got an element " + describe(item));
      }
      strings.add(s);
    }
    return strings;
  }

  private static String describe(Object value) {
    return value == null
        ? "null"
        : value.getClass().getSimpleName() + " " + (value instanceof String ? "'" + value + "'"
            : value);
  }

  private static void range(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "input '" + key + "' must be between " + min + " and " + max + ", got " + value);
    }
  }
}

package com.example.portfolio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The theme dictionary ({@code themes.json}): curated phrases, sector and segment weights per
 * theme, and the weight of each scoring feature.
 */
final class ThemeCatalog {

  static final String RESOURCE = "/themes.json";

  /** The scoring features, in the order they are summed and reported. */
  static final List<String> FEATURES =
      List.of("similarity", "keywords", "revenue", "sector", "size");

  private static final Set<String> FALLBACK_STOPWORDS =
      Set.of("a", "an", "and", "of", "the", "for", "in", "on", "to", "with", "or");

  private final Map<String, Double> featureWeights;
  private final List<Theme> themes;
  private final Map<String, Theme> byAlias;
  private final double fallbackSectorWeight;
  private final double fallbackPhraseWeight;

  private ThemeCatalog(
      Map<String, Double> featureWeights, List<Theme> themes, Map<String, Theme> byAlias,
      double fallbackSectorWeight, double fallbackPhraseWeight) {
    this.featureWeights = Collections.unmodifiableMap(featureWeights);
    this.themes = List.copyOf(themes);
    this.byAlias = Collections.unmodifiableMap(byAlias);
    this.fallbackSectorWeight = fallbackSectorWeight;
    this.fallbackPhraseWeight = fallbackPhraseWeight;
  }

  /** Reads the dictionary from the classpath. */
  static ThemeCatalog load() {
    try (InputStream in = ThemeCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  static ThemeCatalog parse(JsonNode root) {
    Map<String, Double> featureWeights = new LinkedHashMap<>();
    for (String feature : FEATURES) {
      JsonNode weight = root.path("featureWeights").get(feature);
      if (weight == null || !weight.isNumber()) {
        throw new IllegalStateException(RESOURCE + ": featureWeights." + feature + " is missing");
      }
      featureWeights.put(feature, weight.doubleValue());
    }
    List<Theme> themes = new ArrayList<>();
    Map<String, Theme> byAlias = new LinkedHashMap<>();
    for (JsonNode node : root.path("themes")) {
      Theme theme =
          new Theme(
              node.path("name").asText(),
              node.path("query").asText(),
              weights(node.path("phrases"), true),
              weights(node.path("sectors"), false),
              weights(node.path("segments"), true),
              true);
      themes.add(theme);
      byAlias.put(normalise(theme.name()), theme);
      for (JsonNode alias : node.path("aliases")) {
        byAlias.put(normalise(alias.asText()), theme);
      }
    }
    return new ThemeCatalog(
        featureWeights, themes, byAlias,
        root.path("fallback").path("sectorWeight").asDouble(0.5),
        root.path("fallback").path("phraseWeight").asDouble(1.0));
  }

  Map<String, Double> featureWeights() {
    return featureWeights;
  }

  List<Theme> themes() {
    return themes;
  }

  /**
   * The curated theme whose name or alias matches {@code text} (ignoring case and spacing), or a
   * fallback built from the text's own words, which weighs every sector the same.
   */
  Theme resolve(String text) {
    Theme curated = byAlias.get(normalise(text));
    if (curated != null) {
      return curated;
    }
    String phrase = normalise(text);
    Map<String, Double> words = new LinkedHashMap<>();
    if (phrase.contains(" ")) {
      words.put(phrase, fallbackPhraseWeight);
    }
    for (String word : phrase.split(" ")) {
      if (word.length() > 1 && !FALLBACK_STOPWORDS.contains(word)) {
        words.putIfAbsent(word, fallbackPhraseWeight);
      }
    }
    Map<String, Double> sectors = new LinkedHashMap<>();
    for (String sector : Sectors.ALL) {
      sectors.put(sector, fallbackSectorWeight);
    }
    return new Theme(text.trim(), text.trim(), words, sectors, words, false);
  }

  private static Map<String, Double> weights(JsonNode node, boolean lowerCaseKeys) {
    Map<String, Double> weights = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = lowerCaseKeys ? e.getKey().toLowerCase(Locale.ROOT) : e.getKey();
      weights.put(key, e.getValue().asDouble());
    }
    return weights;
  }

  private static String normalise(String text) {
    return text.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}

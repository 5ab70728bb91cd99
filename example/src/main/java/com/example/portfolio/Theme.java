package com.example.portfolio;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a theme means to the scorer.
 *
 * @param name the dictionary's name for the theme, or the caller's text for an unknown theme
 * @param query the text sent to the embedding service
 * @param phrases lower-case phrases that count as evidence in a description, with their weights
 * @param sectorWeights how well each sector fits the theme (0..1); missing sectors weigh 0
 * @param segmentKeywords lower-case words that mark a revenue segment as on-theme, with weights
 * @param curated whether the theme came from the dictionary rather than the fallback
 */
record Theme(
    String name,
    String query,
    Map<String, Double> phrases,
    Map<String, Double> sectorWeights,
    Map<String, Double> segmentKeywords,
    boolean curated) {

  Theme {
    // Insertion order is the dictionary's order, and scoring sums in that order.
    phrases = Collections.unmodifiableMap(new LinkedHashMap<>(phrases));
    sectorWeights = Collections.unmodifiableMap(new LinkedHashMap<>(sectorWeights));
    segmentKeywords = Collections.unmodifiableMap(new LinkedHashMap<>(segmentKeywords));
  }

  double sectorWeight(String sector) {
    return sectorWeights.getOrDefault(sector, 0.0);
  }
}

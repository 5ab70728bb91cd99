package com.example.portfolio;

import java.util.List;
import java.util.Map;

/**
 * A security under consideration, as it moves through the scoring stages.
 *
 * @param security the reference record
 * @param similarity the vector search's cosine similarity
 * @param features raw feature values by name (see {@link ThemeCatalog#FEATURES}); empty before
 *     feature extraction
 * @param zScores each feature standardised across the eligible candidates; empty before
 *     normalisation
 * @param matchedKeywords theme phrases found in the description
 */
record Candidate(
    Security security,
    double similarity,
    Map<String, Double> features,
    Map<String, Double> zScores,
    List<String> matchedKeywords) {

  static Candidate of(Security security, double similarity) {
    return new Candidate(security, similarity, Map.of(), Map.of(), List.of());
  }

  String id() {
    return security.id();
  }

  String sector() {
    return security.sector();
  }

  Candidate withFeatures(Map<String, Double> features, List<String> matchedKeywords) {
    return new Candidate(security, similarity, features, zScores, matchedKeywords);
  }

  Candidate withZScores(Map<String, Double> zScores) {
    return new Candidate(security, similarity, features, zScores, matchedKeywords);
  }

  /** The composite score: Σ weight × z over the features, in feature order. */
  double score(Map<String, Double> weights) {
    double score = 0;
    for (String feature : ThemeCatalog.FEATURES) {
      score += weights.get(feature) * zScores.get(feature);
    }
    return score;
  }
}

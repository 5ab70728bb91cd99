package com.example.portfolio;

import com.example.portfolio.DescriptionAnalyzer.Analysis;
import com.example.portfolio.KeywordMatcher.Evidence;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Turns search hits and reference records into a ranked, diversified portfolio.
 *
 * <p>Stages: join hits with records; drop ineligible candidates; extract features (similarity,
 * keyword evidence, on-theme revenue, sector fit, size); standardise each feature to z-scores
 * across the eligible candidates; rank by the weighted sum (ties by id); pick greedily in rank
 * order while respecting the per-sector cap.
 */
final class PortfolioScorer {

  private static final Logger LOG = Logger.getLogger(PortfolioScorer.class.getName());

  /** Descriptions shorter than this say too little to score fairly. */
  static final int MIN_DESCRIPTION_WORDS = 12;

  /** Below this a feature is constant across candidates and carries no signal. */
  private static final double MIN_STANDARD_DEVIATION = 1e-12;

  private final Theme theme;
  private final Map<String, Double> weights;
  private final DescriptionAnalyzer analyzer;
  private final SegmentMatcher segments;

  PortfolioScorer(Theme theme, Map<String, Double> featureWeights, Tuning tuning) {
    this.theme = theme;
    this.weights = Map.copyOf(featureWeights);
    this.analyzer = new DescriptionAnalyzer(tuning.analysisCacheSize());
    this.segments = new SegmentMatcher(tuning.segmentPatternCacheSize());
  }

  Portfolio score(PortfolioRequest request, List<SearchHit> hits, List<Security> securities) {
    List<Candidate> candidates = join(hits, securities);
    List<Candidate> eligible = eligible(candidates, request);
    List<Candidate> scored = normalised(withFeatures(eligible));
    List<Candidate> holdings = diversified(ranked(scored), request);
    return new Portfolio(holdings, candidates.size(), eligible.size());
  }

  private static List<Candidate> join(List<SearchHit> hits, List<Security> securities) {
    List<Candidate> joined = new ArrayList<>();
    for (SearchHit hit : hits) {
      securities.stream()
          .filter(s -> s.id().equals(hit.id()))
          .findFirst()
          .ifPresent(s -> joined.add(Candidate.of(s, hit.similarity())));
    }
    return joined;
  }

  private List<Candidate> eligible(List<Candidate> candidates, PortfolioRequest request) {
    List<Candidate> eligible = new ArrayList<>();
    for (Candidate candidate : snapshot(candidates)) {
      Security s = candidate.security();
      if (s.marketCapUsdM() < request.minMarketCap()
          || (!request.countries().isEmpty() && !request.countries().contains(s.country()))
          || request.excludeSectors().contains(s.sector())) {
        continue;
      }
      if (analyzer.analyze(s.description()).wordCount() < MIN_DESCRIPTION_WORDS) {
        LOG.fine(String.format(Locale.ROOT, "skipping %s: description too short", s.id()));
        continue;
      }
      eligible.add(candidate);
    }
    return eligible;
  }

  private List<Candidate> withFeatures(List<Candidate> candidates) {
    List<Candidate> out = new ArrayList<>(candidates.size());
    for (Candidate candidate : snapshot(candidates)) {
      Security s = candidate.security();
      Analysis analysis = analyzer.analyze(s.description());
      Evidence evidence = KeywordMatcher.match(theme.phrases(), s.description());
      Map<String, Double> features = new HashMap<>();
      features.put("similarity", candidate.similarity());
      features.put("keywords", evidence.score() * 100 / Math.max(1, analysis.wordCount()));
      features.put("revenue", segments.exposure(s.revenueSegments(), theme.segmentKeywords()));
      features.put("sector", theme.sectorWeight(s.sector()));
      features.put("size", Math.log10(Math.max(1.0, s.marketCapUsdM())));
      LOG.fine(
          String.format(
              Locale.ROOT,
              "features %s %-40s sim=%.4f kw=%.4f rev=%.4f sector=%.2f size=%.3f matched=%s",
              s.id(), s.name(), features.get("similarity"), features.get("keywords"),
              features.get("revenue"), features.get("sector"), features.get("size"),
              evidence.matched()));
      out.add(candidate.withFeatures(features, evidence.matched()));
    }
    return out;
  }

  private static List<Candidate> normalised(List<Candidate> candidates) {
    List<Candidate> copy = new ArrayList<>(candidates);
    List<Map<String, Double>> zScores = new ArrayList<>();
    for (int i = 0; i < copy.size(); i++) {
      zScores.add(new HashMap<>());
    }
    for (String feature : ThemeCatalog.FEATURES) {
      List<Double> values =
          copy.stream().map(c -> c.features().get(feature)).collect(Collectors.toList());
      double mean = mean(values);
      for (int i = 0; i < copy.size(); i++) {
        double sd = standardDeviation(values, mean);
        double z = sd > MIN_STANDARD_DEVIATION ? (values.get(i) - mean) / sd : 0.0;
        zScores.get(i).put(feature, z);
      }
    }
    List<Candidate> out = new ArrayList<>(copy.size());
    for (int i = 0; i < copy.size(); i++) {
      out.add(copy.get(i).withZScores(zScores.get(i)));
    }
    return out;
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }

  /** Population standard deviation. */
  private static double standardDeviation(List<Double> values, double mean) {
    return Math.sqrt(values.stream().mapToDouble(v -> (v - mean) * (v - mean)).average().orElse(0));
  }

  private List<Candidate> ranked(List<Candidate> candidates) {
    List<Candidate> sorted = new ArrayList<>(candidates);
    sorted.sort(
        (a, b) -> {
          int byScore = Double.compare(b.score(weights), a.score(weights));
          return byScore != 0 ? byScore : a.id().compareTo(b.id());
        });
    return sorted;
  }

  private List<Candidate> diversified(List<Candidate> ranked, PortfolioRequest request) {
    List<Candidate> picked = new ArrayList<>();
    for (Candidate candidate : ranked) {
      if (picked.size() == request.topN()) {
        break;
      }
      long sameSector = picked.stream().filter(p -> p.sector().equals(candidate.sector())).count();
      if (sameSector < request.maxPerSector()) {
        picked.add(candidate);
        LOG.fine(
            String.format(
                Locale.ROOT, "pick %2d %s %-24s score=%.6f", picked.size(), candidate.id(),
                candidate.sector(), candidate.score(weights)));
      }
    }
    return picked;
  }

  /** Each stage works on its own copy, so no stage can change what another one was given. */
  private static List<Candidate> snapshot(List<Candidate> candidates) {
    return new ObjectMapper().convertValue(candidates, new TypeReference<List<Candidate>>() {});
  }
}

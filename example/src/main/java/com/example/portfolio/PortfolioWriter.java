package com.example.portfolio;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a portfolio as JSON. Every number is rounded to {@value #DECIMALS} decimals so the bytes
 * do not depend on the last bits of floating-point arithmetic.
 */
final class PortfolioWriter {

  static final int DECIMALS = 6;

  private PortfolioWriter() {}

  static String write(
      Theme theme, PortfolioRequest request, Map<String, Double> weights, Portfolio portfolio) {
    ObjectMapper mapper = new ObjectMapper();
    mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    ObjectNode root = mapper.createObjectNode();
    root.put("theme", request.theme());
    root.put("dictionary", theme.curated() ? theme.name() : null);

    ObjectNode options = root.putObject("options");
    options.put("topN", request.topN());
    options.put("k", request.k());
    options.put("maxPerSector", request.maxPerSector());
    options.put("minMarketCap", round(request.minMarketCap()));
    ArrayNode countries = options.putArray("countries");
    request.countries().forEach(countries::add);
    ArrayNode excluded = options.putArray("excludeSectors");
    request.excludeSectors().forEach(excluded::add);

    ObjectNode featureWeights = root.putObject("featureWeights");
    for (String feature : ThemeCatalog.FEATURES) {
      featureWeights.put(feature, round(weights.get(feature)));
    }

    ObjectNode universe = root.putObject("universe");
    universe.put("candidates", portfolio.candidates());
    universe.put("eligible", portfolio.eligible());
    universe.put("held", portfolio.holdings().size());

    Map<String, Integer> exposure = new TreeMap<>();
    for (Candidate c : portfolio.holdings()) {
      exposure.merge(c.sector(), 1, Integer::sum);
    }
    ObjectNode sectors = root.putObject("sectorExposure");
    exposure.forEach(sectors::put);

    ArrayNode holdings = root.putArray("holdings");
    int rank = 0;
    for (Candidate c : portfolio.holdings()) {
      Security s = c.security();
      ObjectNode holding = holdings.addObject();
      holding.put("rank", ++rank);
      holding.put("id", s.id());
      holding.put("name", s.name());
      holding.put("sector", s.sector());
      holding.put("country", s.country());
      holding.put("marketCapUsdM", round(s.marketCapUsdM()));
      holding.put("score", round(c.score(weights)));
      ObjectNode features = holding.putObject("features");
      ObjectNode contributions = holding.putObject("contributions");
      for (String feature : ThemeCatalog.FEATURES) {
        features.put(feature, round(c.features().get(feature)));
        contributions.put(feature, round(weights.get(feature) * c.zScores().get(feature)));
      }
      List<String> keywords = new ArrayList<>(c.matchedKeywords());
      Collections.sort(keywords);
      ArrayNode matched = holding.putArray("matchedKeywords");
      keywords.forEach(matched::add);
    }
    try {
      return mapper.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a portfolio tree", e);
    }
  }

  private static BigDecimal round(double value) {
    return new BigDecimal(String.format(Locale.ROOT, "%." + DECIMALS + "f", value));
  }
}

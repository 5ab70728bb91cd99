package com.example.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.portfolio.Security.RevenueSegment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scorer on hand-made candidates: no HTTP, just hits and reference records in, JSON out. */
class PortfolioScorerTest {

  private static final ThemeCatalog CATALOG = ThemeCatalog.load();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String FILLER =
      " The group sells equipment and services to industrial customers across many regions.";

  @Test
  void holdsAtMostTopNSecurities() throws Exception {
    JsonNode out = score(request("clean energy", 7, 10), universe(40));

    assertThat(out.path("holdings")).hasSize(7);
    assertThat(out.path("universe").path("held").asInt()).isEqualTo(7);
    assertThat(out.path("universe").path("candidates").asInt()).isEqualTo(40);
  }

  @Test
  void holdingsAreRankedByDescendingScore() throws Exception {
    JsonNode holdings = score(request("clean energy", 20, 20), universe(40)).path("holdings");

    List<Double> scores = new ArrayList<>();
    for (int i = 0; i < holdings.size(); i++) {
      assertThat(holdings.get(i).path("rank").asInt()).isEqualTo(i + 1);
      scores.add(holdings.get(i).path("score").asDouble());
    }
    assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
  }

  @Test
  void noSectorHoldsMoreThanTheCap() throws Exception {
    JsonNode out = score(request("clean energy", 20, 2), universe(40));

    Map<String, Integer> perSector = new HashMap<>();
    out.path("holdings").forEach(h -> perSector.merge(h.path("sector").asText(), 1, Integer::sum));
    assertThat(perSector.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
    assertThat(out.path("holdings")).hasSize(2 * perSector.size());
    out.path("sectorExposure").properties()
        .forEach(e -> assertThat(e.getValue().asInt()).isEqualTo(perSector.get(e.getKey())));
  }

  @Test
  void capSkipsToTheNextBestSecurityOfAnotherSector() throws Exception {
    List<Security> securities =
        List.of(
            security("A1", "Utilities", "Solar power and offshore wind and battery storage."),
            security("A2", "Utilities", "Solar power and offshore wind developer."),
            security("A3", "Utilities", "Solar power developer."),
            security("B1", "Financials", "Retail banking and insurance."));
    JsonNode holdings = score(request("clean energy", 3, 2), securities).path("holdings");

    assertThat(ids(holdings)).containsExactly("A1", "A2", "B1");
  }

  @Test
  void findsThemePhrasesInDescriptionsAsKeywordEvidence() throws Exception {
    List<Security> securities =
        List.of(
            security("E1", "Utilities",
                "Runs solar power parks and offshore wind farms; its offshore wind fleet grows."),
            security("E2", "Utilities", "Runs regulated gas networks and district heating."));
    JsonNode holdings = score(request("Clean Energy", 2, 5), securities).path("holdings");

    JsonNode solar = holdings.get(0);
    assertThat(solar.path("id").asText()).isEqualTo("E1");
    assertThat(solar.path("matchedKeywords").toString())
        .isEqualTo("[\"offshore wind\",\"solar\",\"solar power\"]");
    assertThat(solar.path("features").path("keywords").asDouble()).isPositive();
    assertThat(holdings.get(1).path("matchedKeywords")).isEmpty();
    assertThat(holdings.get(1).path("features").path("keywords").asDouble()).isZero();
  }

  @Test
  void matchesWholeWordsOnlyIgnoringCase() {
    Map<String, Double> phrases = Map.of("ai", 1.0, "low-carbon", 1.0);

    assertThat(KeywordMatcher.match(phrases, "We maintain trains and paint bridges.").matched())
        .isEmpty();
    assertThat(KeywordMatcher.match(phrases, "AI-driven tools for LOW-CARBON steel.").matched())
        .containsExactlyInAnyOrder("ai", "low-carbon");
  }

  @Test
  void breaksScoreTiesById() throws Exception {
    String text = "Builds wind turbines and solar power plants for utilities.";
    List<Security> twins =
        List.of(
            security("T3", "Industrials", text),
            security("T1", "Industrials", text),
            security("T2", "Industrials", text));
    JsonNode holdings = score(request("clean energy", 3, 5), twins).path("holdings");

    assertThat(ids(holdings)).containsExactly("T1", "T2", "T3");
    assertThat(holdings.get(0).path("score")).isEqualTo(holdings.get(2).path("score"));
  }

  @Test
  void onThemeRevenueRaisesTheRevenueFeature() throws Exception {
    Security onTheme =
        new Security("R1", "R1 plc", "Industrials", "GB", 1_000, "Makes equipment." + FILLER,
            List.of(new RevenueSegment("Wind Turbines", 0.75), new RevenueSegment("Rail", 0.25)));
    Security offTheme =
        new Security("R2", "R2 plc", "Industrials", "GB", 1_000, "Makes equipment." + FILLER,
            List.of(new RevenueSegment("Rail", 1.0)));
    JsonNode holdings = score(request("clean energy", 2, 5), List.of(offTheme, onTheme))
        .path("holdings");

    assertThat(holdings.get(0).path("id").asText()).isEqualTo("R1");
    assertThat(holdings.get(0).path("features").path("revenue").asDouble()).isEqualTo(0.75);
    assertThat(holdings.get(1).path("features").path("revenue").asDouble()).isZero();
  }

  @Test
  void leavesOutSecuritiesThatFailTheFilters() throws Exception {
    List<Security> securities =
        List.of(
            new Security("F1", "Small", "Utilities", "US", 100, "Solar power." + FILLER, List.of()),
            new Security("F2", "Big", "Utilities", "US", 5_000, "Solar power." + FILLER, List.of()),
            new Security("F3", "Abroad", "Utilities", "FR", 5_000, "Solar power." + FILLER,
                List.of()),
            new Security("F4", "Oil", "Energy", "US", 5_000, "Solar power." + FILLER, List.of()),
            new Security("F5", "Thin", "Utilities", "US", 5_000, "Solar power.", List.of()));
    PortfolioRequest request =
        new PortfolioRequest("clean energy", 10, 200, 5, 1_000, List.of("US"), List.of("Energy"));

    JsonNode out = score(request, securities);

    assertThat(ids(out.path("holdings"))).containsExactly("F2");
    assertThat(out.path("universe").path("eligible").asInt()).isEqualTo(1);
  }

  @Test
  void unknownThemesFallBackToTheirOwnWords() throws Exception {
    List<Security> securities =
        List.of(
            security("Q1", "Information Technology", "Builds quantum computing hardware."),
            security("Q2", "Information Technology", "Builds storage systems."));
    JsonNode out = score(request("Quantum computing", 2, 5), securities);

    assertThat(out.path("dictionary").isNull()).isTrue();
    assertThat(out.path("holdings").get(0).path("matchedKeywords").toString())
        .isEqualTo("[\"computing\",\"quantum\",\"quantum computing\"]");
  }

  @Test
  void echoesTheThemeAndOptions() throws Exception {
    PortfolioRequest request =
        new PortfolioRequest("AI", 3, 50, 2, 250.5, List.of("US", "DE"), List.of("Energy"));

    String out = write(request, universe(5));

    assertThat(out)
        .startsWith("{\"theme\":\"AI\",\"dictionary\":\"AI\",\"options\":{\"topN\":3,\"k\":50,"
            + "\"maxPerSector\":2,\"minMarketCap\":250.500000,\"countries\":[\"DE\",\"US\"],"
            + "\"excludeSectors\":[\"Energy\"]}");
  }

  @Test
  void writesEveryNumberWithSixDecimals() throws Exception {
    String out = write(request("clean energy", 5, 5), universe(12));

    assertThat(out).containsPattern("\"score\":-?\\d+\\.\\d{6}[,}]");
    assertThat(out).doesNotContainPattern("[:,\\[]-?\\d+\\.(\\d{1,5}|\\d{7,})[,}\\]]");
    assertThat(out).doesNotContainPattern("\\d[eE][-+]?\\d");
  }

  private static PortfolioRequest request(String theme, int topN, int maxPerSector) {
    return new PortfolioRequest(theme, topN, 200, maxPerSector, 0, List.of(), List.of());
  }

  private static JsonNode score(PortfolioRequest request, List<Security> securities)
      throws Exception {
    return JSON.readTree(write(request, securities));
  }

  private static String write(PortfolioRequest request, List<Security> securities) {
    List<SearchHit> hits = new ArrayList<>();
    for (int i = 0; i < securities.size(); i++) {
      hits.add(new SearchHit(securities.get(i).id(), 0.5));
    }
    Theme theme = CATALOG.resolve(request.theme());
    Tuning tuning = Tuning.load();
    Portfolio portfolio =
        new PortfolioScorer(theme, CATALOG.featureWeights(), tuning)
            .score(request, hits, securities);
    return PortfolioWriter.write(theme, request, CATALOG.featureWeights(), portfolio);
  }

  private static Security security(String id, String sector, String description) {
    return new Security(id, id + " Corp.", sector, "US", 1_000, description + FILLER, List.of());
  }

  /** Forty securities over four sectors, with varying amounts of clean-energy evidence. */
  private static List<Security> universe(int n) {
    String[] sectors = {"Utilities", "Industrials", "Energy", "Materials"};
    String[] evidence = {
      "Develops solar power and battery storage.", "Builds wind turbines.",
      "Refines oil and gas.", "Supplies green hydrogen and heat pumps.", "Mines copper."
    };
    List<Security> securities = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      securities.add(
          new Security(
              String.format("U%03d", i), "Company " + i, sectors[i % sectors.length], "US",
              100 + 37.5 * i, evidence[i % evidence.length] + FILLER,
              List.of(new RevenueSegment(i % 3 == 0 ? "Solar Modules" : "Machinery", 1.0))));
    }
    return securities;
  }

  private static List<String> ids(JsonNode holdings) {
    List<String> ids = new ArrayList<>();
    holdings.forEach(h -> ids.add(h.path("id").asText()));
    return ids;
  }
}

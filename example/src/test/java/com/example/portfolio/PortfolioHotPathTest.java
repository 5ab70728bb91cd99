package com.example.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.portfolio.upstream.UpstreamServer;
import com.example.portfolio.upstream.UpstreamServer.RecordedRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuner.harness.HotPath;
import dev.tuner.harness.Upstreams;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The adapter end to end, against an in-process upstream on an ephemeral port with no latency. */
class PortfolioHotPathTest {

  private static final String TOKEN = PortfolioHotPath.DEFAULT_TOKEN;
  private static final Map<String, Object> CASE =
      Map.of("theme", "clean energy", "topN", 15, "k", 120, "maxPerSector", 4);

  private static UpstreamServer server;
  private static Upstreams upstreams;
  private static String baseline;

  @BeforeAll
  static void start() throws Exception {
    server = UpstreamServer.start(0, 0, TOKEN);
    upstreams = new Upstreams(HttpClient.newHttpClient(), server.baseUrls());
    baseline = hotPath(Tuning.load()).run(CASE, upstreams);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theHarnessCanInstantiateItByClassName() throws Exception {
    Object hotPath =
        Class.forName("com.example.portfolio.PortfolioHotPath").getConstructor().newInstance();

    assertThat(hotPath).isInstanceOf(HotPath.class);
  }

  @Test
  void runningACaseTwiceGivesByteIdenticalOutput() throws Exception {
    HotPath hotPath = new PortfolioHotPath();

    String first = hotPath.run(CASE, upstreams);
    String second = hotPath.run(CASE, upstreams);

    assertThat(second).isEqualTo(first).isEqualTo(baseline);
  }

  @Test
  void theOutputIsARealPortfolio() throws Exception {
    JsonNode out = new ObjectMapper().readTree(baseline);

    assertThat(out.path("dictionary").asText()).isEqualTo("Clean energy");
    assertThat(out.path("universe").path("candidates").asInt()).isEqualTo(120);
    JsonNode holdings = out.path("holdings");
    assertThat(holdings).hasSize(15);
    assertThat(holdings.get(0).path("matchedKeywords")).isNotEmpty();
    assertThat(holdings.get(0).path("features").path("similarity").asDouble()).isPositive();
    out.path("sectorExposure").forEach(n -> assertThat(n.asInt()).isLessThanOrEqualTo(4));
  }

  @Test
  void knobsLeaveTheOutputByteIdentical() throws Exception {
    Tuning defaults = Tuning.load();
    List<Tuning> variants =
        List.of(
            defaults.withReferenceBatchSize(1),
            defaults.withReferenceBatchSize(7),
            defaults.withReferenceBatchSize(100),
            defaults.withParallelism(4),
            defaults.withReferenceBatchSize(13).withParallelism(16),
            defaults.withAnalysisCacheSize(0),
            defaults.withAnalysisCacheSize(1_000),
            defaults.withSegmentPatternCacheSize(0),
            defaults.withSegmentPatternCacheSize(100),
            defaults.withExtraWorkPercent(50));
    for (Tuning tuning : variants) {
      assertThat(hotPath(tuning).run(CASE, upstreams)).as(tuning.toString()).isEqualTo(baseline);
    }
  }

  @Test
  void batchSizeSetsTheNumberOfReferenceCalls() throws Exception {
    assertThat(referenceCalls(Tuning.load().withReferenceBatchSize(10))).isEqualTo(12);
    assertThat(referenceCalls(Tuning.load().withReferenceBatchSize(50))).isEqualTo(3);
    assertThat(referenceCalls(Tuning.load().withReferenceBatchSize(100))).isEqualTo(2);
    assertThat(referenceCalls(Tuning.load().withReferenceBatchSize(100).withParallelism(8)))
        .isEqualTo(2);
  }

  @Test
  void parallelFetchingSendsTheSameRequests() throws Exception {
    List<RecordedRequest> sequential = requestsOf(Tuning.load().withReferenceBatchSize(9));
    List<RecordedRequest> parallel =
        requestsOf(Tuning.load().withReferenceBatchSize(9).withParallelism(4));

    assertThat(parallel).containsExactlyInAnyOrderElementsOf(sequential);
    assertThat(requestsOf(Tuning.load().withReferenceBatchSize(9))).isEqualTo(sequential);
  }

  @Test
  void requestsCarryTheTokenAndRefuseCompression() throws Exception {
    List<RecordedRequest> requests = requestsOf(Tuning.load());

    assertThat(requests).hasSize(1 + 1 + 12);
    assertThat(requests.get(0).pathAndQuery()).isEqualTo("/embeddings/v1/embed");
    assertThat(requests.get(1).pathAndQuery()).isEqualTo("/vectors/v1/search");
    assertThat(requests.get(2).pathAndQuery()).startsWith("/reference/v1/securities?ids=EQ");
    assertThat(requests).allSatisfy(r -> assertThat(r.acceptEncoding()).isEqualTo("identity"));
  }

  @Test
  void aWrongTokenFailsWithTheUpstreamsAnswer() {
    HotPath hotPath = new PortfolioHotPath(Tuning::load, "not-the-token");

    assertThatThrownBy(() -> hotPath.run(CASE, upstreams))
        .isInstanceOf(UpstreamException.class)
        .hasMessageContaining("embeddings")
        .hasMessageContaining("401")
        .hasMessageNotContaining("not-the-token");
  }

  @Test
  void badInputIsRejectedNamingTheKey() {
    HotPath hotPath = new PortfolioHotPath();

    assertThatThrownBy(() -> hotPath.run(Map.of("theme", "AI", "limit", 5), upstreams))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'limit'");
    assertThatThrownBy(() -> hotPath.run(Map.of("theme", "AI", "k", "many"), upstreams))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'k'");
  }

  private static PortfolioHotPath hotPath(Tuning tuning) {
    return new PortfolioHotPath(() -> tuning, TOKEN);
  }

  private static long referenceCalls(Tuning tuning) throws Exception {
    long before = server.requestCount("reference");
    hotPath(tuning).run(CASE, upstreams);
    return server.requestCount("reference") - before;
  }

  /** Runs the case alone (tests in a class run one at a time) and returns what the server saw. */
  private static List<RecordedRequest> requestsOf(Tuning tuning) throws Exception {
    int before = server.journal().size();
    hotPath(tuning).run(CASE, upstreams);
    List<RecordedRequest> journal = server.journal();
    return journal.subList(before, journal.size());
  }
}

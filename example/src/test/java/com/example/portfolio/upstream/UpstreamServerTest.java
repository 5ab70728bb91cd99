package com.example.portfolio.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The three APIs over real HTTP, against an in-process server with no added latency. */
class UpstreamServerTest {

  private static final String TOKEN = "test-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static UpstreamServer server;

  @BeforeAll
  static void start() throws Exception {
    server = UpstreamServer.start(0, 0, TOKEN);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void embedReturnsADeterministicUnitVectorOf384Dimensions() throws Exception {
    JsonNode first = ok(post("embeddings", "/v1/embed", "{\"text\":\"clean energy\"}"));
    JsonNode again = ok(post("embeddings", "/v1/embed", "{\"text\":\"clean energy\"}"));

    JsonNode vector = first.path("vector");
    assertThat(vector).hasSize(384);
    double norm = 0;
    for (JsonNode x : vector) {
      norm += x.asDouble() * x.asDouble();
    }
    assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(again).isEqualTo(first);
    assertThat(ok(post("embeddings", "/v1/embed", "{\"text\":\"water\"}")).path("vector"))
        .isNotEqualTo(vector);
  }

  @Test
  void searchReturnsTheKNearestSecuritiesBestFirstWithTiesById() throws Exception {
    JsonNode hits = ok(post("vectors", "/v1/search", searchBody(embed("solar power"), 50)))
        .path("hits");

    assertThat(hits).hasSize(50);
    for (int i = 1; i < hits.size(); i++) {
      double previous = hits.get(i - 1).path("similarity").asDouble();
      double current = hits.get(i).path("similarity").asDouble();
      assertThat(current).isLessThanOrEqualTo(previous);
      if (current == previous) {
        assertThat(hits.get(i).path("id").asText())
            .isGreaterThan(hits.get(i - 1).path("id").asText());
      }
    }
    JsonNode best = ok(get("reference", "/v1/securities?ids=" + hits.get(0).path("id").asText()));
    assertThat(best.path("securities").get(0).path("description").asText().toLowerCase())
        .contains("solar");
  }

  @Test
  void securitiesComeInRequestOrderWithUnknownIdsListedAsMissing() throws Exception {
    JsonNode body = ok(get("reference", "/v1/securities?ids=EQ00003,NOPE,EQ00001"));

    JsonNode securities = body.path("securities");
    assertThat(securities).hasSize(2);
    assertThat(securities.get(0).path("id").asText()).isEqualTo("EQ00003");
    assertThat(securities.get(1).path("id").asText()).isEqualTo("EQ00001");
    assertThat(body.path("missing").toString()).isEqualTo("[\"NOPE\"]");
    JsonNode security = securities.get(0);
    assertThat(security.fieldNames())
        .toIterable()
        .containsExactly("id", "name", "sector", "country", "marketCapUsdM", "currency",
            "description", "revenueSegments");
    assertThat(security.path("description").asText().split(" ").length).isBetween(30, 120);
    double shares = 0;
    for (JsonNode segment : security.path("revenueSegments")) {
      shares += segment.path("share").asDouble();
    }
    assertThat(shares).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
  }

  @Test
  void securitiesAcceptAtMostOneHundredIdsPerCall() throws Exception {
    assertThat(get("reference", "/v1/securities?ids=" + ids(100)).statusCode()).isEqualTo(200);

    HttpResponse<String> tooMany = get("reference", "/v1/securities?ids=" + ids(101));
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(error(tooMany)).contains("at most 100");
  }

  @Test
  void everyEndpointAnswers401WithoutTheRightToken() throws Exception {
    List<HttpRequest.Builder> requests =
        List.of(
            builder("embeddings", "/v1/embed")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"x\"}")),
            builder("vectors", "/v1/search")
                .POST(HttpRequest.BodyPublishers.ofString(searchBody(embed("x"), 3))),
            builder("reference", "/v1/securities?ids=EQ00001").GET());
    for (HttpRequest.Builder request : requests) {
      HttpResponse<String> none = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> wrong =
          HTTP.send(
              request.copy().header("Authorization", "Bearer nope").build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(error(none)).contains("missing Authorization");
      assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(error(wrong)).isEqualTo("invalid bearer token");
    }
  }

  @Test
  void malformedRequestsAnswer400NamingTheProblem() throws Exception {
    assertBadRequest(post("embeddings", "/v1/embed", "not json"), "not valid JSON");
    assertBadRequest(post("embeddings", "/v1/embed", "{\"text\":7}"), "'text'");
    assertBadRequest(post("embeddings", "/v1/embed", "{\"text\":\"  \"}"), "blank");
    assertBadRequest(post("vectors", "/v1/search", "{\"vector\":[1,2],\"k\":5}"), "384");
    assertBadRequest(post("vectors", "/v1/search", searchBody(embed("x"), 0)), "'k'");
    assertBadRequest(post("vectors", "/v1/search", searchBody(embed("x"), 1001)), "'k'");
    assertBadRequest(get("reference", "/v1/securities"), "'ids'");
    assertBadRequest(get("reference", "/v1/securities?ids="), "non-empty");
    assertBadRequest(get("reference", "/v1/securities?ids=A,,B"), "non-empty");
    assertBadRequest(get("reference", "/v1/securities?id=A"), "unknown query parameter 'id'");
  }

  @Test
  void unknownPathsAnswer404AndWrongMethods405() throws Exception {
    HttpResponse<String> unknown = get("reference", "/v1/bonds?ids=A");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(error(unknown)).contains("/reference/v1/bonds");
    assertThat(HTTP.send(authorised(URI.create(base() + "/nowhere")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

    HttpResponse<String> wrongMethod = get("embeddings", "/v1/embed");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void countsRequestsPerUpstream() throws Exception {
    long before = server.requestCount("reference");
    get("reference", "/v1/securities?ids=EQ00001");
    get("reference", "/v1/securities?ids=EQ00002");

    assertThat(server.requestCount("reference")).isEqualTo(before + 2);
  }

  @Test
  void theUniverseIsLargeVariedAndSpeaksTheThemes() {
    Universe universe = Universe.standard();

    assertThat(universe.size()).isGreaterThanOrEqualTo(5_000);
    assertThat(universe.securities().stream().map(ReferenceRecord::sector).distinct())
        .hasSize(11);
    assertThat(universe.securities().stream().map(ReferenceRecord::country).distinct().count())
        .isGreaterThanOrEqualTo(10);
    for (String phrase :
        List.of("solar power", "machine learning", "zero trust", "desalination", "genomics")) {
      assertThat(universe.securities().stream().filter(s -> s.description().contains(phrase)))
          .as(phrase)
          .hasSizeGreaterThan(10);
    }
  }

  @Test
  void theUniverseIsTheSameEveryTime() {
    Universe again = Universe.generate(Universe.SEED, 50, new TextEmbedder());

    assertThat(again.securities()).isEqualTo(Universe.standard().securities().subList(0, 50));
  }

  private static void assertBadRequest(HttpResponse<String> response, String message)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(error(response)).contains(message);
  }

  private static JsonNode ok(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    return JSON.readTree(response.body());
  }

  private static String error(HttpResponse<String> response) throws Exception {
    JsonNode error = JSON.readTree(response.body()).path("error");
    assertThat(error.path("status").asInt()).isEqualTo(response.statusCode());
    return error.path("message").asText();
  }

  private static List<Double> embed(String text) throws Exception {
    List<Double> vector = new ArrayList<>();
    ok(post("embeddings", "/v1/embed", JSON.writeValueAsString(java.util.Map.of("text", text))))
        .path("vector")
        .forEach(x -> vector.add(x.asDouble()));
    return vector;
  }

  private static String searchBody(List<Double> vector, int k) throws Exception {
    return JSON.writeValueAsString(java.util.Map.of("vector", vector, "k", k));
  }

  private static String ids(int n) {
    StringJoiner ids = new StringJoiner(",");
    for (int i = 1; i <= n; i++) {
      ids.add(String.format("EQ%05d", i));
    }
    return ids.toString();
  }

  private static HttpResponse<String> post(String upstream, String path, String body)
      throws Exception {
    return HTTP.send(
        builder(upstream, path)
            .header("Authorization", "Bearer " + TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String upstream, String pathAndQuery) throws Exception {
    return HTTP.send(
        builder(upstream, pathAndQuery).header("Authorization", "Bearer " + TOKEN).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder builder(String upstream, String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(server.baseUrl(upstream) + pathAndQuery));
  }

  private static HttpRequest.Builder authorised(URI uri) {
    return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TOKEN);
  }

  private static String base() {
    return "http://127.0.0.1:" + server.port();
  }
}

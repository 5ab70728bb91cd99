package com.example.portfolio;

import com.example.portfolio.Security.RevenueSegment;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scorer's three upstream services over HTTP: embeddings, vector search and reference data.
 *
 * <p>Requests are deterministic (same arguments, same bytes) so recorded fixtures match on replay.
 * Every request asks for an uncompressed body: recording proxies mishandle compressed ones.
 */
final class UpstreamClient {

  static final String EMBEDDINGS = "embeddings";
  static final String VECTORS = "vectors";
  static final String REFERENCE = "reference";

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int EXPECTED_DIMENSION = 384;

  private final HttpClient http;
  private final Map<String, URI> baseUrls;
  private final String token;
  private final WorkClock clock;
  private final Map<String, AtomicInteger> calls = new LinkedHashMap<>();

  UpstreamClient(HttpClient http, Map<String, URI> baseUrls, String token, WorkClock clock) {
    this.http = http;
    this.baseUrls = Map.copyOf(baseUrls);
    this.token = token;
    this.clock = clock;
    for (String upstream : List.of(EMBEDDINGS, VECTORS, REFERENCE)) {
      if (!baseUrls.containsKey(upstream)) {
        throw new IllegalArgumentException("no base URL for upstream '" + upstream + "'");
      }
      calls.put(upstream, new AtomicInteger());
    }
  }

  /** Calls made so far, per upstream. */
  Map<String, Integer> calls() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    calls.forEach((upstream, n) -> counts.put(upstream, n.get()));
    return counts;
  }

  /** The embedding of {@code text}. */
  List<Double> embed(String text) throws IOException, InterruptedException {
    ObjectMapper mapper = new ObjectMapper();
    String body = mapper.writeValueAsString(Map.of("text", text));
    String response = clock.waitFor(() -> send(EMBEDDINGS, post(EMBEDDINGS, "/v1/embed", body)));
    Map<String, Object> parsed = mapper.readValue(response, new TypeReference<>() {});
    if (!(parsed.get("vector") instanceof List<?> values)) {
      throw new UpstreamException("embeddings: response has no 'vector' array");
    }
    List<Double> vector = new ArrayList<>();
    for (Object value : values) {
      vector.add(((Number) value).doubleValue());
    }
    if (vector.size() != EXPECTED_DIMENSION) {
      throw new UpstreamException(
          "embeddings: expected " + EXPECTED_DIMENSION + " dimensions, got " + vector.size());
    }
    return vector;
  }

  /** The {@code k} securities nearest to {@code vector}, best first. */
  List<SearchHit> search(List<Double> vector, int k) throws IOException, InterruptedException {
    String body = "{\"vector\":[";
    for (int i = 0; i < vector.size(); i++) {
      if (i > 0) {
        body += ",";
      }
      body += vector.get(i);
    }
    body += "],\"k\":" + k + "}";
    HttpRequest request = post(VECTORS, "/v1/search", body);
    String response = clock.waitFor(() -> send(VECTORS, request));
    JsonNode hits = new ObjectMapper().readTree(response).path("hits");
    if (!hits.isArray()) {
      throw new UpstreamException("vectors: response has no 'hits' array");
    }
    List<SearchHit> result = new ArrayList<>();
    for (JsonNode hit : hits) {
      result.add(new SearchHit(hit.path("id").asText(), hit.path("similarity").asDouble()));
    }
    return result;
  }

  /**
   * Reference records for {@code ids}, in their order, fetched {@code batchSize} ids per call and
   * up to {@code parallelism} calls at a time. Unknown ids are left out.
   */
  List<Security> securities(List<String> ids, int batchSize, int parallelism)
      throws IOException, InterruptedException {
    List<List<String>> batches = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += batchSize) {
      batches.add(ids.subList(from, Math.min(ids.size(), from + batchSize)));
    }
    List<String> bodies =
        parallelism <= 1 || batches.size() <= 1
            ? fetchInOrder(batches)
            : clock.waitFor(() -> fetchConcurrently(batches, parallelism));
    List<Security> securities = new ArrayList<>(ids.size());
    for (String body : bodies) {
      securities.addAll(parseSecurities(body));
    }
    return securities;
  }

  private List<String> fetchInOrder(List<List<String>> batches)
      throws IOException, InterruptedException {
    List<String> bodies = new ArrayList<>(batches.size());
    for (List<String> batch : batches) {
      bodies.add(clock.waitFor(() -> send(REFERENCE, referenceRequest(batch))));
    }
    return bodies;
  }

  private List<String> fetchConcurrently(List<List<String>> batches, int parallelism)
      throws IOException, InterruptedException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(parallelism, batches.size()),
            r -> {
              Thread t = new Thread(r, "reference-fetch");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<String>> futures = new ArrayList<>(batches.size());
      for (List<String> batch : batches) {
        futures.add(pool.submit(() -> send(REFERENCE, referenceRequest(batch))));
      }
      List<String> bodies = new ArrayList<>(batches.size());
      for (Future<String> future : futures) {
        bodies.add(await(future));
      }
      return bodies;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String await(Future<String> future) throws IOException, InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof InterruptedException) {
        throw new InterruptedIOException("reference fetch interrupted");
      }
      throw new UpstreamException("reference: fetch failed", cause);
    }
  }

  private List<Security> parseSecurities(String body) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode tree = mapper.readTree(body);
    if (!tree.path("securities").isArray()) {
      throw new UpstreamException("reference: response has no 'securities' array");
    }
    Map<String, Object> response = mapper.readValue(body, new TypeReference<>() {});
    List<Security> securities = new ArrayList<>();
    for (Object item : (List<?>) response.get("securities")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> record = (Map<String, Object>) item;
      List<RevenueSegment> segments = new ArrayList<>();
      for (Object s : (List<?>) record.getOrDefault("revenueSegments", List.of())) {
        Map<?, ?> segment = (Map<?, ?>) s;
        segments.add(
            new RevenueSegment(
                String.valueOf(segment.get("name")),
                Double.parseDouble(String.valueOf(segment.get("share")))));
      }
      securities.add(
          new Security(
              String.valueOf(record.get("id")),
              String.valueOf(record.get("name")),
              String.valueOf(record.get("sector")),
              String.valueOf(record.get("country")),
              Double.parseDouble(String.valueOf(record.get("marketCapUsdM"))),
              String.valueOf(record.get("description")),
              List.copyOf(segments)));
    }
    return securities;
  }

  private HttpRequest referenceRequest(List<String> batch) {
    return request(REFERENCE, "/v1/securities?ids=" + String.join(",", batch)).GET().build();
  }

  private HttpRequest post(String upstream, String path, String json) {
    return request(upstream, path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  private HttpRequest.Builder request(String upstream, String pathAndQuery) {
    String base = baseUrls.get(upstream).toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return HttpRequest.newBuilder(URI.create(base + pathAndQuery))
        .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance through recording proxies
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .header("Accept-Encoding", "identity");
  }

  private String send(String upstream, HttpRequest request)
      throws IOException, InterruptedException {
    calls.get(upstream).incrementAndGet();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new UpstreamException(
          upstream + ": " + request.method() + " " + request.uri().getRawPath() + " returned "
              + response.statusCode() + ": " + abbreviate(response.body()));
    }
    return response.body();
  }

  private static String abbreviate(String body) {
    return body.length() <= 300 ? body : body.substring(0, 300) + "…";
  }
}

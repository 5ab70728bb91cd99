package com.example.portfolio.upstream;

import com.example.portfolio.upstream.ReferenceRecord.Segment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/** The three APIs' request validation and response bodies, independent of the HTTP plumbing. */
final class UpstreamApis {

  static final int MAX_TEXT_CHARS = 4_000;
  static final int MAX_K = 1_000;
  static final int MAX_IDS_PER_REQUEST = 100;

  private final ObjectMapper json;
  private final Universe universe;
  private final TextEmbedder embedder;

  UpstreamApis(ObjectMapper json, Universe universe, TextEmbedder embedder) {
    this.json = json;
    this.universe = universe;
    this.embedder = embedder;
  }

  /** {@code POST /embeddings/v1/embed} {@code {"text": …}}. */
  ObjectNode embed(byte[] body) throws ApiException {
    JsonNode request = parseObject(body);
    JsonNode text = request.get("text");
    if (text == null || !text.isTextual()) {
      throw new ApiException(400, "body must have a string field 'text'");
    }
    String value = text.textValue();
    if (value.isBlank()) {
      throw new ApiException(400, "'text' must not be blank");
    }
    if (value.length() > MAX_TEXT_CHARS) {
      throw new ApiException(400, "'text' is longer than " + MAX_TEXT_CHARS + " characters");
    }
    ObjectNode response = json.createObjectNode();
    response.put("model", TextEmbedder.MODEL);
    response.put("dimension", TextEmbedder.DIMENSION);
    ArrayNode vector = response.putArray("vector");
    for (float x : embedder.embed(value)) {
      vector.add(x);
    }
    return response;
  }

  /** {@code POST /vectors/v1/search} {@code {"vector": [...], "k": n}}: cosine top k. */
  ObjectNode search(byte[] body) throws ApiException {
    JsonNode request = parseObject(body);
    float[] query = vector(request.get("vector"));
    JsonNode kNode = request.get("k");
    if (kNode == null || !kNode.canConvertToExactIntegral() || !kNode.canConvertToInt()) {
      throw new ApiException(400, "body must have an integer field 'k'");
    }
    int k = kNode.intValue();
    if (k < 1 || k > MAX_K) {
      throw new ApiException(400, "'k' must be between 1 and " + MAX_K + ", got " + k);
    }
    normalise(query);

    record Hit(String id, double similarity) {}
    Comparator<Hit> best =
        Comparator.comparingDouble(Hit::similarity).reversed().thenComparing(Hit::id);
    PriorityQueue<Hit> worstFirst = new PriorityQueue<>(k + 1, best.reversed());
    List<ReferenceRecord> securities = universe.securities();
    for (int i = 0; i < securities.size(); i++) {
      double similarity = Math.round(universe.similarity(query, i) * 1e6) / 1e6;
      worstFirst.add(new Hit(securities.get(i).id(), similarity));
      if (worstFirst.size() > k) {
        worstFirst.poll();
      }
    }
    List<Hit> hits = new ArrayList<>(worstFirst);
    hits.sort(best);

    ObjectNode response = json.createObjectNode();
    response.put("model", TextEmbedder.MODEL);
    response.put("k", k);
    ArrayNode array = response.putArray("hits");
    for (Hit hit : hits) {
      array.addObject().put("id", hit.id()).put("similarity", hit.similarity());
    }
    return response;
  }

  /** {@code GET /reference/v1/securities?ids=A,B,C}: records in request order, unknowns listed. */
  ObjectNode securities(String rawQuery) throws ApiException {
    List<String> ids = ids(rawQuery);
    ObjectNode response = json.createObjectNode();
    ArrayNode found = response.putArray("securities");
    ArrayNode missing = response.putArray("missing");
    for (String id : ids) {
      Optional<ReferenceRecord> record = universe.find(id);
      if (record.isPresent()) {
        found.add(toJson(record.get()));
      } else {
        missing.add(id);
      }
    }
    return response;
  }

  private ObjectNode toJson(ReferenceRecord r) {
    ObjectNode node = json.createObjectNode();
    node.put("id", r.id());
    node.put("name", r.name());
    node.put("sector", r.sector());
    node.put("country", r.country());
    node.put("marketCapUsdM", r.marketCapUsdM());
    node.put("currency", "USD");
    node.put("description", r.description());
    ArrayNode segments = node.putArray("revenueSegments");
    for (Segment s : r.revenueSegments()) {
      segments.addObject().put("name", s.name()).put("share", s.share());
    }
    return node;
  }

  private static List<String> ids(String rawQuery) throws ApiException {
    if (rawQuery == null || rawQuery.isEmpty()) {
      throw new ApiException(400, "query parameter 'ids' is required");
    }
    String idsValue = null;
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (!name.equals("ids")) {
        throw new ApiException(400, "unknown query parameter '" + name + "'");
      }
      if (idsValue != null) {
        throw new ApiException(400, "query parameter 'ids' given more than once");
      }
      idsValue = eq < 0 ? "" : decode(pair.substring(eq + 1));
    }
    List<String> ids = new ArrayList<>();
    for (String id : idsValue.split(",", -1)) {
      String trimmed = id.trim();
      if (trimmed.isEmpty()) {
        throw new ApiException(400, "'ids' must be a comma-separated list of non-empty ids");
      }
      ids.add(trimmed);
    }
    if (ids.size() > MAX_IDS_PER_REQUEST) {
      throw new ApiException(
          400, "at most " + MAX_IDS_PER_REQUEST + " ids per request, got " + ids.size());
    }
    return ids;
  }

  private static String decode(String s) throws ApiException {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "malformed query string");
    }
  }

  private JsonNode parseObject(byte[] body) throws ApiException {
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (IOException e) {
      throw new ApiException(400, "body is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new ApiException(400, "body must be a JSON object");
    }
    return node;
  }

  private static float[] vector(JsonNode node) throws ApiException {
    if (node == null || !node.isArray() || node.size() != TextEmbedder.DIMENSION) {
      throw new ApiException(
          400, "body must have a field 'vector' with " + TextEmbedder.DIMENSION + " numbers");
    }
    float[] v = new float[TextEmbedder.DIMENSION];
    for (int d = 0; d < v.length; d++) {
      JsonNode x = node.get(d);
      if (!x.isNumber()) {
        throw new ApiException(400, "'vector[" + d + "]' is not a number");
      }
      v[d] = x.floatValue();
    }
    return v;
  }

  private static void normalise(float[] v) throws ApiException {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    if (!(norm > 0) || Double.isInfinite(norm)) {
      throw new ApiException(400, "'vector' must be non-zero and finite");
    }
    double length = Math.sqrt(norm);
    for (int d = 0; d < v.length; d++) {
      v[d] = (float) (v[d] / length);
    }
  }
}

package dev.tuner.harness;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * A small hot path for the harness's own tests: two identical calls to "words", one to "catalog".
 */
public final class SampleHotPath implements HotPath {

  static final String TOKEN = "sample-secret-token-42";

  @Override
  public String run(Map<String, Object> input, Upstreams upstreams) throws Exception {
    String text = (String) input.get("text");
    String first = post(upstreams, "words", "/v1/count", "{\"text\": \"" + text + "\"}");
    String second = post(upstreams, "words", "/v1/count", "{\"text\": \"" + text + "\"}");
    String catalog = get(upstreams, "catalog", "/items?ids=1,2&api_key=" + TOKEN);
    return "{\"text\": \""
        + text
        + "\", \"first\": "
        + first
        + ", \"second\": "
        + second
        + ", \"catalogLength\": "
        + catalog.length()
        + "}";
  }

  private static String post(Upstreams upstreams, String upstream, String path, String body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(upstreams.baseUrl(upstream) + path))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return send(upstreams, request);
  }

  private static String get(Upstreams upstreams, String upstream, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(upstreams.baseUrl(upstream) + path))
            .header("Authorization", "Bearer " + TOKEN)
            .GET()
            .build();
    return send(upstreams, request);
  }

  private static String send(Upstreams upstreams, HttpRequest request) throws Exception {
    HttpResponse<String> response =
        upstreams.http().send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          request.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}

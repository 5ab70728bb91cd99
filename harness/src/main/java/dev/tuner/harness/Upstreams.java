package dev.tuner.harness;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a hot path sends its network calls: one HTTP client, and a base URL per named upstream.
 *
 * <p>The client and URLs differ by mode (live, recording, replay); the hot path must use them
 * rather than its own, so the harness sees every call.
 */
public record Upstreams(HttpClient http, Map<String, URI> baseUrls) {

  public Upstreams {
    baseUrls = Map.copyOf(baseUrls);
  }

  /** The base URL of the named upstream, without a trailing slash. */
  public URI baseUrl(String name) {
    URI uri = baseUrls.get(name);
    if (uri == null) {
      throw new IllegalArgumentException(
          "no upstream named '" + name + "'; declared: " + new TreeMap<>(baseUrls).keySet());
    }
    return uri;
  }
}

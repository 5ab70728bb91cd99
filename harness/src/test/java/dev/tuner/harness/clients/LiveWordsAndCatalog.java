package dev.tuner.harness.clients;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "production" services for {@link ApacheHttpClientHotPath}, on a JDK HttpServer on a free port
 * of 127.0.0.1: deterministic answers, and 401 without the hot path's bearer token.
 */
final class LiveWordsAndCatalog implements AutoCloseable {

  private static final Pattern WORD = Pattern.compile("\"word\"\\s*:\\s*\"([^\"]*)\"");

  private final HttpServer server;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  LiveWordsAndCatalog() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/words/v1/count",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Matcher word = WORD.matcher(body);
          if (!"POST".equals(exchange.getRequestMethod()) || !word.find()) {
            answer(exchange, "words", 400, "{\"error\": \"POST {\\\"word\\\": ...}\"}");
          } else {
            String w = word.group(1);
            answer(
                exchange,
                "words",
                200,
                "{\"word\": \"" + w + "\", \"letters\": " + w.length() + "}");
          }
        });
    server.createContext(
        "/catalog/items",
        exchange -> {
          String query = exchange.getRequestURI().getRawQuery();
          List<String> items = new ArrayList<>();
          for (String id : query.substring(query.indexOf('=') + 1).split(",")) {
            items.add("{\"id\": " + id + ", \"name\": \"item-" + id + "\"}");
          }
          answer(exchange, "catalog", 200, "{\"items\": " + items + "}");
        });
    server.start();
  }

  String url(String upstream) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + upstream;
  }

  /** Authorised calls served so far, per upstream. */
  Map<String, Integer> calls() {
    Map<String, Integer> copy = new TreeMap<>();
    calls.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  private void answer(HttpExchange exchange, String upstream, int status, String json)
      throws IOException {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (!("Bearer " + ApacheHttpClientHotPath.TOKEN).equals(auth)) {
      status = 401;
      json = "{\"error\": \"missing or wrong bearer token\"}";
      upstream = "unauthorised";
    }
    calls.computeIfAbsent(upstream, u -> new AtomicInteger()).incrementAndGet();
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("X-Request-Id", "live-" + System.nanoTime());
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

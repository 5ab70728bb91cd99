package com.example.portfolio.upstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The example's "live" upstream: embeddings, vector search and reference data behind one loopback
 * HTTP server, each under its own path prefix ({@code /embeddings}, {@code /vectors},
 * {@code /reference}), every call delayed by a fixed latency and guarded by a bearer token.
 *
 * <p>Tests start it in-process on an ephemeral port: {@code try (var s = UpstreamServer.start(0, 0,
 * token)) { ... s.baseUrls() ... }}.
 */
public final class UpstreamServer implements AutoCloseable {

  /** The token used when {@code EXAMPLE_TOKEN} is not set. Not a secret; never record it anyway. */
  public static final String DEFAULT_TOKEN = "demo-token-do-not-record";

  public static final String EMBEDDINGS = "embeddings";
  public static final String VECTORS = "vectors";
  public static final String REFERENCE = "reference";

  private static final String HOST = "127.0.0.1";
  private static final int MAX_BODY_BYTES = 1 << 20;
  private static final int THREADS = 32;
  private static final int JOURNAL_LIMIT = 10_000;

  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK, and every exchange stalls for ~40 ms. Read once, when the server classes load.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final long latencyMs;
  private final byte[] expectedAuthorization;
  private final UpstreamApis apis;
  private final ObjectMapper json;
  private final Map<String, AtomicLong> requests = new LinkedHashMap<>();
  private final Deque<RecordedRequest> journal = new ArrayDeque<>();

  /**
   * A request as received: what a recording proxy would key on. {@code body} is UTF-8 text;
   * {@code acceptEncoding} is the header's value or null; the Authorization header is never kept.
   */
  public record RecordedRequest(
      String method, String pathAndQuery, String body, String acceptEncoding) {}

  private UpstreamServer(
      HttpServer server, ExecutorService executor, long latencyMs, String token) {
    this.server = server;
    this.executor = executor;
    this.latencyMs = latencyMs;
    this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.json = new ObjectMapper();
    this.apis = new UpstreamApis(json, Universe.standard(), TextEmbedder.shared());
    for (String upstream : new String[] {EMBEDDINGS, VECTORS, REFERENCE}) {
      requests.put(upstream, new AtomicLong());
    }
  }

  /**
   * Generates the data (once per JVM), binds 127.0.0.1:{@code port} ({@code 0} for an ephemeral
   * port) and starts serving.
   */
  public static UpstreamServer start(int port, long latencyMs, String token) throws IOException {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    if (latencyMs < 0) {
      throw new IllegalArgumentException("latency must be >= 0 ms, got " + latencyMs);
    }
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("token must not be blank");
    }
    Universe.standard(); // generate before binding, so a bound port is a ready port
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), port), 128);
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
    UpstreamServer server = new UpstreamServer(http, executor, latencyMs, token);
    http.createContext("/", server::handle);
    http.setExecutor(executor);
    http.start();
    return server;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:PORT/NAME}, without a trailing slash. */
  public URI baseUrl(String upstream) {
    if (!requests.containsKey(upstream)) {
      throw new IllegalArgumentException("no upstream named '" + upstream + "'");
    }
    return URI.create("http://" + HOST + ":" + port() + "/" + upstream);
  }

  /** The base URL of each upstream, by name, in a fixed order. */
  public Map<String, URI> baseUrls() {
    Map<String, URI> urls = new LinkedHashMap<>();
    for (String upstream : requests.keySet()) {
      urls.put(upstream, baseUrl(upstream));
    }
    return urls;
  }

  /** How many requests (whatever their outcome) reached the upstream's path prefix so far. */
  public long requestCount(String upstream) {
    AtomicLong count = requests.get(upstream);
    if (count == null) {
      throw new IllegalArgumentException("no upstream named '" + upstream + "'");
    }
    return count.get();
  }

  /** The most recent requests (up to 10,000), oldest first. */
  public List<RecordedRequest> journal() {
    synchronized (journal) {
      return List.copyOf(journal);
    }
  }

  public long latencyMs() {
    return latencyMs;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      sleepLatency();
      ObjectNode body;
      int status = 200;
      try {
        body = route(exchange);
      } catch (ApiException e) {
        status = e.status();
        body = error(e.status(), e.getMessage());
        if (status == 401) {
          exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        }
      } catch (RuntimeException e) {
        status = 500;
        body = error(500, "internal error: " + e.getClass().getSimpleName());
      }
      byte[] bytes = json.writeValueAsBytes(body);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private ObjectNode route(HttpExchange exchange) throws ApiException, IOException {
    String path = exchange.getRequestURI().getRawPath();
    String method = exchange.getRequestMethod();
    byte[] body = readBody(exchange);
    record(exchange, body);
    String upstream = path.length() > 1 ? path.substring(1).split("/", 2)[0] : "";
    AtomicLong counter = requests.get(upstream);
    if (counter != null) {
      counter.incrementAndGet();
    }
    String allowed =
        switch (path) {
          case "/embeddings/v1/embed", "/vectors/v1/search" -> "POST";
          case "/reference/v1/securities" -> "GET";
          default -> throw new ApiException(404, "no such resource: " + path);
        };
    if (!allowed.equals(method)) {
      exchange.getResponseHeaders().set("Allow", allowed);
      throw new ApiException(405, method + " is not allowed on " + path + "; use " + allowed);
    }
    authorize(exchange);
    if (body.length > MAX_BODY_BYTES) {
      throw new ApiException(413, "body larger than " + MAX_BODY_BYTES + " bytes");
    }
    return switch (path) {
      case "/embeddings/v1/embed" -> apis.embed(body);
      case "/vectors/v1/search" -> apis.search(body);
      default -> apis.securities(exchange.getRequestURI().getRawQuery());
    };
  }

  private void record(HttpExchange exchange, byte[] body) {
    URI uri = exchange.getRequestURI();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    String pathAndQuery = uri.getRawPath() + query;
    RecordedRequest request =
        new RecordedRequest(
            exchange.getRequestMethod(), pathAndQuery, new String(body, StandardCharsets.UTF_8),
            exchange.getRequestHeaders().getFirst("Accept-Encoding"));
    synchronized (journal) {
      journal.addLast(request);
      if (journal.size() > JOURNAL_LIMIT) {
        journal.removeFirst();
      }
    }
  }

  private void authorize(HttpExchange exchange) throws ApiException {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null) {
      throw new ApiException(401, "missing Authorization header; expected 'Bearer <token>'");
    }
    if (!MessageDigest.isEqual(expectedAuthorization, header.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiException(401, "invalid bearer token");
    }
  }

  /** Reads up to one byte more than allowed, so an oversized body is detectable. */
  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return in.readNBytes(MAX_BODY_BYTES + 1);
    }
  }

  private ObjectNode error(int status, String message) {
    ObjectNode body = json.createObjectNode();
    body.putObject("error").put("status", status).put("message", message);
    return body;
  }

  private void sleepLatency() {
    if (latencyMs > 0) {
      try {
        Thread.sleep(latencyMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "upstream-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}

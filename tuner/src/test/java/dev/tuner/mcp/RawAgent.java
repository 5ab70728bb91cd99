package dev.tuner.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuner.cli.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An agent that speaks MCP's JSON-RPC to {@code tuner mcp} line by line, for what the SDK's client
 * cannot do: cancel a request (as Claude Code does when its user presses Esc) and close stdin
 * without ending the server process.
 */
final class RawAgent implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  final Process process;
  final StringBuffer serverLog = new StringBuffer();
  final List<String> progress = new CopyOnWriteArrayList<>();
  private final BlockingQueue<JsonNode> responses = new LinkedBlockingQueue<>();
  private final OutputStream stdin;
  private int nextId = 1;

  RawAgent(Path spec) throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "mcp",
                "--spec",
                spec.toString())
            .start();
    stdin = process.getOutputStream();
    daemon(
        () -> {
          try (BufferedReader r = reader(process.getInputStream())) {
            for (String line; (line = r.readLine()) != null; ) {
              JsonNode m = JSON.readTree(line);
              if (m.has("id") && !m.has("method")) {
                responses.add(m);
              } else if ("notifications/progress".equals(m.path("method").asText())) {
                progress.add(m.path("params").path("message").asText());
              }
            }
          }
          return null;
        });
    daemon(
        () -> {
          try (BufferedReader r = reader(process.getErrorStream())) {
            for (String line; (line = r.readLine()) != null; ) {
              serverLog.append(line).append('\n');
            }
          }
          return null;
        });
    int id =
        request(
            "initialize",
            Map.of(
                "protocolVersion", "2025-06-18",
                "capabilities", Map.of(),
                "clientInfo", Map.of("name", "raw-agent", "version", "0.1")));
    response(id, Duration.ofMinutes(2));
    notify("notifications/initialized", Map.of());
  }

  /** Sends {@code tools/call} with a progress token; returns the request's id. */
  int callTool(String name, Map<String, Object> arguments) throws IOException {
    return request(
        "tools/call",
        Map.of(
            "name", name, "arguments", arguments, "_meta", Map.of("progressToken", name + nextId)));
  }

  int request(String method, Object params) throws IOException {
    int id = nextId++;
    send(Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params));
    return id;
  }

  void notify(String method, Object params) throws IOException {
    send(Map.of("jsonrpc", "2.0", "method", method, "params", params));
  }

  /** The response to request {@code id}; fails after {@code timeout}. */
  JsonNode response(int id, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode m = responses.poll(1, TimeUnit.SECONDS);
      if (m != null && m.path("id").asInt() == id) {
        return m;
      }
    }
    throw new AssertionError("no response to request " + id + "\n" + serverLog);
  }

  /** Waits until a progress message matches. */
  void awaitProgress(Predicate<String> wanted, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (progress.stream().noneMatch(wanted)) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new AssertionError("no such progress: " + progress + "\n" + serverLog);
      }
      Thread.sleep(100);
    }
  }

  /** A tool result's structured content. */
  static JsonNode data(JsonNode response) {
    return response.path("result").path("structuredContent");
  }

  /** Closes the client's end of stdin, as a client that goes away does; the server stays up. */
  void closeInput() throws IOException {
    stdin.close();
  }

  private synchronized void send(Map<String, Object> message) throws IOException {
    ObjectNode node = JSON.valueToTree(message);
    stdin.write((JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  private static BufferedReader reader(java.io.InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  private static void daemon(java.util.concurrent.Callable<Void> body) {
    Thread t =
        new Thread(
            () -> {
              try {
                body.call();
              } catch (Exception e) {
                // the server went away: the test's waits report it
              }
            });
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}

package dev.tuner.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuner.cli.Main;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A coding agent's side of {@code tuner mcp}, made with the SDK's own client: it starts the server
 * as a subprocess ({@code java -cp <test class path> dev.tuner.cli.Main mcp --spec …}) and talks to
 * it over stdio, as Claude Code or Codex would.
 */
final class AgentClient implements AutoCloseable {

  static final String NAME = "tuner-acceptance";
  static final String VERSION = "1.0";

  final McpSyncClient client;
  final List<String> progress = new CopyOnWriteArrayList<>();
  final StringBuffer serverLog = new StringBuffer();
  private final AtomicInteger tokens = new AtomicInteger();

  AgentClient(Path spec) {
    JacksonMcpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());
    ServerParameters server =
        ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString())
            .args(
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "mcp",
                "--spec",
                spec.toString())
            .build();
    StdioClientTransport transport = new StdioClientTransport(server, mapper);
    transport.setStdErrorHandler(line -> serverLog.append(line).append('\n'));
    client =
        McpClient.sync(transport)
            .clientInfo(new McpSchema.Implementation(NAME, VERSION))
            .requestTimeout(Duration.ofMinutes(40))
            .initializationTimeout(Duration.ofMinutes(2))
            .progressConsumer(p -> progress.add(p.message()))
            .build();
    client.initialize();
  }

  /** Calls a tool, asking for progress notifications. */
  McpSchema.CallToolResult call(String tool, Map<String, Object> args) {
    return client.callTool(
        McpSchema.CallToolRequest.builder()
            .name(tool)
            .arguments(args)
            .progressToken(tool + "-" + tokens.incrementAndGet())
            .build());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> data(McpSchema.CallToolResult r) {
    return (Map<String, Object>) r.structuredContent();
  }

  static String text(McpSchema.CallToolResult r) {
    StringBuilder t = new StringBuilder();
    for (McpSchema.Content c : r.content()) {
      if (c instanceof McpSchema.TextContent tc) {
        t.append(tc.text());
      }
    }
    return t.toString();
  }

  @Override
  public void close() {
    client.closeGracefully();
  }
}

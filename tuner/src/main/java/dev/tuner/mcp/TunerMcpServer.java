package dev.tuner.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuner.spec.TunerSpec;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tuner mcp}: the loop's stages served over the Model Context Protocol on stdio (the
 * official Java SDK). It serves until the client closes its end (or the process is asked to end);
 * then a try under way is cancelled and logged so, and the run is left to resume.
 */
public final class TunerMcpServer {

  static final String INSTRUCTIONS =
      "tuner holds the keep/discard gate of a performance optimisation loop on this repository."
          + " Call start, then status (objective, scope, the best, the budget) and profile (where"
          + " time goes); propose one focused change per evaluate call (a unified diff or"
          + " search/replace edits). tuner builds it, checks parity against recorded goldens and"
          + " call contracts, benchmarks it A/B against the best and keeps it only with"
          + " statistical evidence. Read each result's asi for why; park ideas that break the"
          + " constraints with add_idea; call stop at the end for the hold-out check.";

  private TunerMcpServer() {}

  /**
   * Serves until {@code in} ends; returns the exit code (0: the client closed the connection).
   *
   * @param out the protocol's channel, nothing else may write to it
   * @param err the server's own console: the loop's progress lines, for a client's server log
   */
  public static int serve(
      Path root,
      TunerSpec spec,
      Path specFile,
      InputStream in,
      OutputStream out,
      PrintWriter err,
      String version)
      throws InterruptedException {
    McpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());
    CountDownLatch closed = new CountDownLatch(1);
    Clock clock = Clock.systemUTC();
    ProgressLines console = new ProgressLines(err, clock);
    Session session = new Session(root, spec, specFile, console, clock);
    StdioServerTransportProvider transport =
        new StdioServerTransportProvider(mapper, new ClientInput(in, closed, session, err), out);
    McpSyncServer server =
        McpServer.sync(transport)
            .serverInfo("tuner", version)
            .instructions(INSTRUCTIONS)
            .jsonMapper(mapper)
            .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
            // Tools check their own arguments, naming the tool and the argument.
            .validateToolInputs(false)
            .tools(new Tools(session, mapper).all())
            .build();
    // Both the end of stdin and a SIGTERM may come (the SDK's client closes stdin, then sends a
    // SIGTERM): whichever is second waits in close() until the try under way is logged, so the JVM
    // never exits half-way through it.
    Runnable finish =
        () -> {
          try {
            session.close();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    Thread hook = new Thread(finish, "tuner-mcp-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    err.println("tuner mcp: serving " + root + " on stdio");
    err.flush();
    closed.await();
    err.println("tuner mcp: the client closed the connection");
    err.flush();
    finish.run();
    server.closeGracefully();
    console.close();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down
    }
    return 0;
  }
}

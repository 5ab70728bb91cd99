package com.example.portfolio.upstream;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code example-upstream [--port N] [--latency-ms L]}: serves the example's three upstream APIs on
 * 127.0.0.1 until SIGTERM or Ctrl-C. The bearer token comes from {@code EXAMPLE_TOKEN}.
 */
public final class UpstreamMain {

  static final int DEFAULT_PORT = 18_080;
  static final long DEFAULT_LATENCY_MS = 15;

  private static final String USAGE =
      String.join(
          System.lineSeparator(),
          "usage: example-upstream [--port N] [--latency-ms L]",
          "  --port N         port on 127.0.0.1 (default " + DEFAULT_PORT + "; 0 = any free port)",
          "  --latency-ms L   delay added to every call (default " + DEFAULT_LATENCY_MS + ")",
          "environment: EXAMPLE_TOKEN  bearer token clients must send (default "
              + UpstreamServer.DEFAULT_TOKEN + ")",
          "exit codes: 0 stopped cleanly, 1 could not start, 2 bad flags");

  private UpstreamMain() {}

  /** The parsed command line. */
  record Options(int port, long latencyMs, boolean help) {}

  public static void main(String[] args) {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("example-upstream: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(USAGE);
      return;
    }
    System.exit(serve(options, System.out, System.err));
  }

  static int serve(Options options, PrintStream out, PrintStream err) {
    String token = System.getenv().getOrDefault("EXAMPLE_TOKEN", UpstreamServer.DEFAULT_TOKEN);
    UpstreamServer server;
    try {
      server = UpstreamServer.start(options.port(), options.latencyMs(), token);
    } catch (IOException | IllegalArgumentException e) {
      err.println("example-upstream: cannot listen on 127.0.0.1:" + options.port() + ": " + e);
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "example-upstream-shutdown"));
    out.println(
        "example-upstream listening on http://127.0.0.1:" + server.port()
            + " (embeddings, vectors, reference; latency " + server.latencyMs() + " ms)");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  static Options parse(String[] args) {
    int port = DEFAULT_PORT;
    long latencyMs = DEFAULT_LATENCY_MS;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String flag = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        flag = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      switch (flag) {
        case "-h", "--help" -> {
          return new Options(port, latencyMs, true);
        }
        case "--port" -> {
          value = value != null ? value : next(args, ++i, flag);
          port = (int) number(flag, value, 0, 65_535);
        }
        case "--latency-ms" -> {
          value = value != null ? value : next(args, ++i, flag);
          latencyMs = number(flag, value, 0, 600_000);
        }
        default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
      }
    }
    return new Options(port, latencyMs, false);
  }

  private static String next(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  private static long number(String flag, String value, long min, long max) {
    long n;
    try {
      n = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be an integer, got '" + value + "'");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          flag + " must be between " + min + " and " + max + ", got " + n);
    }
    return n;
  }
}

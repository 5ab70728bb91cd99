package dev.tuner.demo;

import dev.tuner.io.Classpath;
import dev.tuner.io.JavaFork;
import dev.tuner.io.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example's live upstream ({@code UpstreamMain} in {@code example/target/example-upstream.jar})
 * in its own process on a free port, as {@code bin/example-upstream} starts it. Stopped by {@link
 * #close()}, and by a shutdown hook when the JVM is interrupted (Ctrl-C) first, so it never
 * outlives the demo.
 */
public final class LiveUpstream implements AutoCloseable {

  static final String MAIN = "com.example.portfolio.upstream.UpstreamMain";

  private static final Pattern LISTENING =
      Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

  private final Process process;
  private final Thread hook;
  private final int port;

  private LiveUpstream(Process process, Thread hook, int port) {
    this.process = process;
    this.hook = hook;
    this.port = port;
  }

  /** A port free right now, for a spec that must name the upstream's URL before it starts. */
  public static int freePort() throws IOException {
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The base URL the example's tuner.yaml names, on this port. */
  public static String baseUrl(int port) {
    return "http://127.0.0.1:" + port + "/";
  }

  /**
   * Starts the example's upstream from a class path that holds it (the example's build, or its
   * {@code example-upstream.jar}) on {@code port} and waits for its "listening on" line.
   *
   * @throws IOException when the process exits without listening
   */
  public static LiveUpstream start(Classpath classpath, int port, int latencyMs, Path logFile)
      throws IOException, InterruptedException {
    List<String> args =
        List.of("--port", String.valueOf(port), "--latency-ms", String.valueOf(latencyMs));
    Process process =
        Processes.builder(
                JavaFork.command(classpath.absolute(), List.of(), MAIN, args), null, Map.of())
            .redirectErrorStream(true)
            .start();
    Thread hook = new Thread(() -> stop(process), "stop-example-upstream");
    Runtime.getRuntime().addShutdownHook(hook);
    Files.createDirectories(logFile.toAbsolutePath().getParent());
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line; (line = lines.readLine()) != null; ) {
      seen.append(line).append('\n');
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        Files.writeString(logFile, seen, StandardCharsets.UTF_8);
        drain(lines, logFile);
        return new LiveUpstream(process, hook, Integer.parseInt(m.group(1)));
      }
    }
    int exit = process.waitFor();
    Runtime.getRuntime().removeShutdownHook(hook);
    throw new IOException("the example upstream exited (" + exit + ") without listening:\n" + seen);
  }

  /** Keeps reading the server's output into its log so a full pipe never blocks it. */
  private static void drain(BufferedReader lines, Path logFile) {
    Thread t =
        new Thread(
            () -> {
              try (var log =
                  Files.newBufferedWriter(
                      logFile, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND)) {
                for (String line; (line = lines.readLine()) != null; ) {
                  log.write(line);
                  log.newLine();
                  log.flush();
                }
              } catch (IOException e) {
                // the process ended or the log went away: nothing left to keep
              }
            },
            "example-upstream-output");
    t.setDaemon(true);
    t.start();
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return baseUrl(port);
  }

  public boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    stop(process);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook is running or ran
    }
  }

  private static void stop(Process process) {
    Processes.stop(process, Duration.ofSeconds(10));
  }
}

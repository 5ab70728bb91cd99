package dev.tuner.acceptance;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The example's live upstream, started as a user starts it: its jar in its own process, on a free port. */
final class ExampleUpstream implements AutoCloseable {

  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final Path JAR = REPO.resolve("example/target/example-upstream.jar");

  private final Process process;
  final int port;

  private ExampleUpstream(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static ExampleUpstream start() throws Exception {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR + " is missing; the reactor builds it before the tuner's tests");
    }
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString(), "--port", "0", "--latency-ms", "0")
        .redirectErrorStream(true)
        .start();
    BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    for (String line; (line = lines.readLine()) != null; ) {
      Matcher m = listening.matcher(line);
      if (m.find()) {
        return new ExampleUpstream(process, Integer.parseInt(m.group(1)));
      }
    }
    throw new IllegalStateException("the example upstream exited without listening (exit " + process.waitFor() + ")");
  }

  String url(String api) {
    return "http://127.0.0.1:" + port + "/" + api;
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }
}

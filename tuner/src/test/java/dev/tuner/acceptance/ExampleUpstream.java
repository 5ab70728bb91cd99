package dev.tuner.acceptance;

import dev.tuner.ExampleBuild;
import dev.tuner.demo.LiveUpstream;
import dev.tuner.io.Classpath;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The example's live upstream, started as a user starts it: its jar in its own process, on a free
 * port.
 */
final class ExampleUpstream implements AutoCloseable {

  static final Path REPO = ExampleBuild.REPO;
  static final Path JAR = ExampleBuild.JAR;

  private final LiveUpstream live;
  final int port;

  private ExampleUpstream(LiveUpstream live) {
    this.live = live;
    this.port = live.port();
  }

  static ExampleUpstream start() throws Exception {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(
          JAR + " is missing; the reactor builds it before the tuner's tests");
    }
    Path log = Files.createTempFile("example-upstream", ".log");
    log.toFile().deleteOnExit();
    // Port 0: the server picks a free one and says which in its "listening on" line.
    return new ExampleUpstream(LiveUpstream.start(Classpath.of(JAR), 0, 0, log));
  }

  String url(String api) {
    return live.baseUrl() + api;
  }

  @Override
  public void close() {
    live.close();
  }
}

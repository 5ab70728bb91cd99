package dev.tuner.harness.record;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.tuner.harness.fixture.Layout;
import dev.tuner.harness.spec.HarnessSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recording proxies for traffic the user drives: one per declared upstream, started together; on
 * stop, what passed through each is saved under {@code fixtures/_captured/<upstream>/} in
 * WireMock's format, scrubbed like any recording, for the user to attach to cases.
 */
public final class ProxyCapture implements AutoCloseable {

  private final Layout layout;
  private final HarnessSpec spec;
  private final Map<String, RecordingServer> servers = new LinkedHashMap<>();

  private ProxyCapture(Layout layout, HarnessSpec spec) {
    this.layout = layout;
    this.spec = spec;
  }

  /**
   * Starts one proxy per upstream; {@code firstPort} 0 picks free ports, otherwise consecutive
   * ones.
   */
  public static ProxyCapture start(Layout layout, HarnessSpec spec, int firstPort)
      throws UpstreamUnreachableException {
    ProxyCapture capture = new ProxyCapture(layout, spec);
    int port = firstPort;
    for (var upstream : spec.upstreams().entrySet()) {
      RecordingServer.checkReachable(upstream.getKey(), upstream.getValue().url());
      capture.servers.put(
          upstream.getKey(),
          new RecordingServer(upstream.getKey(), upstream.getValue().url(), port).start());
      port = port == 0 ? 0 : port + 1;
    }
    return capture;
  }

  public void printUrls(PrintWriter out) {
    servers.forEach(
        (name, server) ->
            out.printf(
                "  %-12s %s  ->  %s%n", name, server.url(), spec.upstreams().get(name).url()));
    out.flush();
  }

  /**
   * Stops the proxies and writes what they saw; returns the number of stubs written per upstream.
   */
  public Map<String, Integer> save() throws IOException {
    Scrubber scrubber = new Scrubber(spec.record());
    Map<String, Integer> saved = new LinkedHashMap<>();
    for (RecordingServer server : servers.values()) {
      var served = server.served();
      List<StubMapping> stubs = server.stop();
      if (stubs.isEmpty()) {
        continue;
      }
      Path dir = layout.captured().resolve(server.upstream());
      Recorder.deleteTree(dir);
      Files.createDirectories(dir.getParent());
      Set<String> secrets = Recorder.secretsSent(Map.of(server.upstream(), served), scrubber);
      new FixtureWriter(layout.captured(), scrubber, secrets)
          .write(server.upstream(), stubs, stub -> 1);
      saved.put(server.upstream(), stubs.size());
    }
    return saved;
  }

  @Override
  public void close() {
    servers.values().forEach(RecordingServer::close);
  }
}

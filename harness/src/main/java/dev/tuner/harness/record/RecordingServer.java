package dev.tuner.harness.record;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestWrapper;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.recording.RecordSpecBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;

/** An embedded WireMock recorder in front of one live upstream, on 127.0.0.1. */
final class RecordingServer implements AutoCloseable {

  private final String upstream;
  private final URI live;
  private final WireMockServer server;

  RecordingServer(String upstream, URI live, int port) {
    this.upstream = upstream;
    this.live = live;
    this.server =
        new WireMockServer(
            WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .port(port)
                .notifier(new ConsoleNotifier(false))
                .extensions(new IdentityEncoding()));
  }

  /** Fails fast, naming the upstream, when nothing listens at its live URL. */
  static void checkReachable(String upstream, URI live) throws UpstreamUnreachableException {
    int port = live.getPort() > 0 ? live.getPort() : "https".equals(live.getScheme()) ? 443 : 80;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(live.getHost(), port), 3_000);
    } catch (IOException e) {
      throw new UpstreamUnreachableException(upstream, live, e.getMessage());
    }
  }

  RecordingServer start() {
    server.start();
    server.startRecording(
        new RecordSpecBuilder()
            .forTarget(live.toString())
            .chooseBodyMatchTypeAutomatically(false, false, false)
            .extractTextBodiesOver(Long.MAX_VALUE)
            .extractBinaryBodiesOver(Long.MAX_VALUE)
            .makeStubsPersistent(false));
    return this;
  }

  String upstream() {
    return upstream;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /**
   * Stops recording: the stubs, in WireMock's model, one per distinct request (repeats as
   * scenarios).
   */
  List<StubMapping> stop() {
    return server.stopRecording().getStubMappings();
  }

  /** What passed through, for finding the secrets the client sent and failed proxy calls. */
  List<ServeEvent> served() {
    return server.getAllServeEvents();
  }

  @Override
  public void close() {
    server.stop();
  }

  /**
   * Asks upstreams for identity encoding: recorded bodies must be plain text (WireMock mishandles
   * deflate).
   */
  private static final class IdentityEncoding implements StubRequestFilterV2 {
    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
      return RequestFilterAction.continueWith(
          RequestWrapper.create()
              .removeHeader("Accept-Encoding")
              .addHeader("Accept-Encoding", "identity")
              .wrap(request));
    }

    @Override
    public String getName() {
      return "tuner-identity-encoding";
    }
  }
}

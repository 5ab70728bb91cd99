package dev.tuner.harness.replay;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.tuner.harness.Upstreams;
import dev.tuner.harness.fixture.FixtureSet;
import dev.tuner.harness.fixture.RecordedStub;
import dev.tuner.harness.spec.RecordSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A case's fixtures served to a hot path, by either transport, with every call counted in one
 * ledger. A session can be rewound and replayed many times (benchmarks do); close it when done.
 */
public final class ReplaySession implements AutoCloseable {

  /**
   * The host of the in-process transport's base URLs ({@code http://replay.invalid/<upstream>}):
   * only {@link Upstreams#http()} answers it; any other client fails to resolve it.
   */
  public static final String IN_PROCESS_HOST = ReplayHttpClient.HOST;

  private final Map<String, StubIndex> indexes;
  private final CallLedger ledger = new CallLedger();
  private final List<WireMockServer> servers = new ArrayList<>();
  private final Upstreams upstreams;

  private ReplaySession(
      FixtureSet fixtures, TransportKind kind, List<String> upstreamNames, RecordSpec record) {
    Set<String> secretParams = Set.copyOf(record.secretQueryParams());
    Map<String, StubIndex> byName = new LinkedHashMap<>();
    for (String name : upstreamNames) {
      byName.put(name, new StubIndex(name, fixtures.stubs(name), secretParams));
    }
    this.indexes = Map.copyOf(byName);
    this.upstreams = kind == TransportKind.IN_PROCESS ? inProcess() : loopback(fixtures);
  }

  /**
   * Opens a session for the named upstreams (an upstream with no stubs answers nothing); {@code
   * record} says which query parameters recording scrubbed, so requests still carrying them find
   * their stubs.
   */
  public static ReplaySession open(
      FixtureSet fixtures, TransportKind kind, List<String> upstreamNames, RecordSpec record) {
    return new ReplaySession(fixtures, kind, upstreamNames, record);
  }

  public Upstreams upstreams() {
    return upstreams;
  }

  public CallLedger ledger() {
    return ledger;
  }

  /** Starts the case over: scenarios back to their first response, the ledger empty. */
  public void rewind() {
    indexes.values().forEach(StubIndex::rewind);
    servers.forEach(WireMockServer::resetScenarios);
    ledger.reset();
  }

  @Override
  public void close() {
    servers.forEach(WireMockServer::stop);
  }

  private Upstreams inProcess() {
    Map<String, URI> urls = new TreeMap<>();
    indexes.keySet().forEach(name -> urls.put(name, ReplayHttpClient.baseUrl(name)));
    return new Upstreams(new ReplayHttpClient(indexes, ledger), urls);
  }

  /** One WireMock server per upstream on 127.0.0.1, journal off, counting through a listener. */
  private Upstreams loopback(FixtureSet fixtures) {
    Map<String, URI> urls = new TreeMap<>();
    for (StubIndex index : indexes.values()) {
      WireMockServer server =
          new WireMockServer(
              WireMockConfiguration.options()
                  .bindAddress("127.0.0.1")
                  .dynamicPort()
                  .disableRequestJournal()
                  .containerThreads(16)
                  .jettyAcceptors(1)
                  .notifier(new ConsoleNotifier(false))
                  .extensions(new Counter(index, ledger)));
      servers.add(server);
      server.start();
      fixtures.stubs(index.upstream()).forEach(stub -> server.addStubMapping(withInlineBody(stub)));
      urls.put(index.upstream(), URI.create("http://127.0.0.1:" + server.port()));
    }
    return new Upstreams(
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), urls);
  }

  /** Stubs are served with their resolved bodies, so the server needs no file source. */
  private static StubMapping withInlineBody(RecordedStub stub) {
    StubMapping mapping = StubMapping.buildFrom(Json.write(stub.mapping()));
    if (mapping.getResponse().getBodyFileName() != null) {
      mapping.setResponse(
          ResponseDefinitionBuilder.like(mapping.getResponse())
              .but()
              .withBodyFile(null)
              .withBody(stub.body())
              .build());
    }
    return mapping;
  }

  /** Counts served stubs and explains unmatched requests, without WireMock's request journal. */
  private static final class Counter implements ServeEventListener {
    private final StubIndex index;
    private final CallLedger ledger;

    Counter(StubIndex index, CallLedger ledger) {
      this.index = index;
      this.ledger = ledger;
    }

    @Override
    public void afterMatch(ServeEvent event, Parameters parameters) {
      if (event.getWasMatched()) {
        ledger.hit(index.upstream(), event.getStubMapping().getId().toString());
      } else {
        var request = event.getRequest();
        Map<String, List<String>> headers = new TreeMap<>();
        request.getHeaders().all().forEach(h -> headers.put(h.key(), h.values()));
        ledger.miss(
            index.upstream(),
            index.unmatched(
                new RequestSnapshot(
                    request.getMethod().getName(), request.getUrl(), headers, request.getBody())));
      }
    }

    @Override
    public String getName() {
      return "tuner-call-counter-" + index.upstream();
    }
  }
}

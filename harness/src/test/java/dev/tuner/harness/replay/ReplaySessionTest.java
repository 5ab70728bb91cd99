package dev.tuner.harness.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.harness.SampleHotPath;
import dev.tuner.harness.SampleRecording;
import dev.tuner.harness.Upstreams;
import dev.tuner.harness.fixture.FixtureSet;
import dev.tuner.harness.fixture.Layout;
import dev.tuner.harness.golden.CanonicalJson;
import dev.tuner.harness.spec.RecordSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReplaySessionTest {

  static final List<String> UPSTREAMS = List.of("words", "catalog");

  @TempDir Path root;
  Layout layout;
  FixtureSet fixtures;

  @BeforeEach
  void copyTheSampleRecording() throws Exception {
    layout = SampleRecording.copyTo(root);
    fixtures = FixtureSet.load(layout, SampleRecording.CASE);
  }

  @Test
  void inProcessTheCaseIsAnsweredFromFixturesUnderTheReplayHost() throws Exception {
    try (ReplaySession session = open(TransportKind.IN_PROCESS)) {
      Upstreams upstreams = session.upstreams();

      assertThat(upstreams.baseUrls())
          .isEqualTo(
              Map.of(
                  "words", URI.create("http://replay.invalid/words"),
                  "catalog", URI.create("http://replay.invalid/catalog")));
      assertThat(upstreams.http()).isInstanceOf(ReplayHttpClient.class);
      assertThat(runSample(session)).isEqualTo(golden());
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void theSampleCaseReplaysToItsGoldenAndEveryCallIsCounted(TransportKind kind) throws Exception {
    try (ReplaySession session = open(kind)) {
      String output = runSample(session);

      assertThat(output).isEqualTo(golden());
      CallLedger ledger = session.ledger();
      assertThat(ledger.calls()).isEqualTo(Map.of("catalog", 1, "words", 2));
      assertThat(ledger.problems()).isEmpty();
      assertThat(fixtures.manifest().expectedHitsById())
          .allSatisfy((id, hits) -> assertThat(ledger.hits(id)).as(id).isEqualTo(hits));
    }
  }

  @Test
  void loopbackServesEachUpstreamOnItsOwnLocalPort() throws Exception {
    try (ReplaySession session = open(TransportKind.LOOPBACK)) {
      URI words = session.upstreams().baseUrl("words");
      URI catalog = session.upstreams().baseUrl("catalog");

      assertThat(List.of(words, catalog))
          .allSatisfy(
              url -> {
                assertThat(url.getHost()).isEqualTo("127.0.0.1");
                assertThat(url.getPort()).isPositive();
              });
      assertThat(words.getPort()).isNotEqualTo(catalog.getPort());
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void rewindLetsTheSameSessionReplayTheCaseAgain(TransportKind kind) throws Exception {
    try (ReplaySession session = open(kind)) {
      runSample(session);

      session.rewind();

      assertThat(session.ledger().calls()).isEmpty();
      assertThat(runSample(session)).isEqualTo(golden());
      assertThat(session.ledger().calls()).isEqualTo(Map.of("catalog", 1, "words", 2));
      assertThat(session.ledger().problems()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void anUnmatchedRequestIsExplainedTheSameWayByBothTransports(TransportKind kind)
      throws Exception {
    try (ReplaySession session = open(kind)) {
      send(session, "catalog", "/items?ids=1,3");

      assertThat(session.ledger().problems())
          .containsExactly(
              "catalog: unmatched request GET /items?ids=1,3; closest stub: GET /items"
                  + " (catalog/mappings/001-get-items.json, headers or query differ)");
      assertThat(session.ledger().calls()).isEqualTo(Map.of("catalog", 1));
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void anUpstreamWithoutStubsAnswersNothing(TransportKind kind) throws Exception {
    try (ReplaySession session =
        ReplaySession.open(
            fixtures, kind, List.of("words", "catalog", "search"), RecordSpec.DEFAULTS)) {
      send(session, "search", "/v1/query?q=cats");

      assertThat(session.ledger().problems())
          .containsExactly(
              "search: unmatched request GET /v1/query?q=cats; no stubs recorded for this"
                  + " upstream");
    }
  }

  @Test
  void closingALoopbackSessionStopsItsServers() throws Exception {
    URI words;
    try (ReplaySession session = open(TransportKind.LOOPBACK)) {
      words = session.upstreams().baseUrl("words");
      assertThat(send(session, "words", "/v1/count")).isEqualTo(404);
    }

    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create(words + "/v1/count")).build();
    assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void aQueryParameterTheSpecCallsSecretIsIgnoredWhenMatchingInProcess() throws Exception {
    // A stub whose URL, query included, must be equal: a credential would make it miss.
    Path mapping = layout.caseFixtures(SampleRecording.CASE).resolve(SampleRecording.CATALOG);
    Files.writeString(
        mapping,
        """
        {
          "id" : "df4185b3-b8f2-44e3-b81e-83b248f8e349",
          "request" : { "url" : "/items?ids=1,2", "method" : "GET" },
          "response" : { "status" : 200, "bodyFileName" : "001-get-items-body.json" }
        }
        """);
    FixtureSet byUrl = FixtureSet.load(layout, SampleRecording.CASE);
    assertThat(byUrl.stubs("catalog").get(0).describe()).isEqualTo("GET /items?ids=1,2");
    RecordSpec sessionIsSecret = new RecordSpec(List.of(), List.of("X-Session"), List.of());

    try (ReplaySession secret =
            ReplaySession.open(byUrl, TransportKind.IN_PROCESS, UPSTREAMS, sessionIsSecret);
        ReplaySession plain =
            ReplaySession.open(byUrl, TransportKind.IN_PROCESS, UPSTREAMS, RecordSpec.DEFAULTS)) {
      assertThat(send(secret, "catalog", "/items?x-session=s3cr3t&ids=1,2")).isEqualTo(200);
      assertThat(secret.ledger().problems()).isEmpty();
      assertThat(send(plain, "catalog", "/items?x-session=s3cr3t&ids=1,2")).isEqualTo(-1);
      assertThat(plain.ledger().problems())
          .singleElement()
          .asString()
          .startsWith("catalog: unmatched request GET /items?x-session=s3cr3t&ids=1,2");
    }
  }

  private ReplaySession open(TransportKind kind) {
    return ReplaySession.open(fixtures, kind, UPSTREAMS, RecordSpec.DEFAULTS);
  }

  private static String runSample(ReplaySession session) throws Exception {
    return CanonicalJson.canonicalise(
        new SampleHotPath().run(Map.of("text", "hello"), session.upstreams()));
  }

  private String golden() throws IOException {
    return Files.readString(layout.golden(SampleRecording.CASE));
  }

  /** Sends a GET as a hot path would, swallowing a failure: the ledger must still know. */
  private static int send(ReplaySession session, String upstream, String pathAndQuery) {
    Upstreams upstreams = session.upstreams();
    try {
      return upstreams
          .http()
          .send(
              HttpRequest.newBuilder(URI.create(upstreams.baseUrl(upstream) + pathAndQuery))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

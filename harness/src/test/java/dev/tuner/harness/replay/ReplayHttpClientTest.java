package dev.tuner.harness.replay;

import static dev.tuner.harness.replay.Stubs.stub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.harness.fixture.RecordedStub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ReplayHttpClientTest {

  static final RecordedStub CREATED =
      stub(
          "words",
          "words/mappings/001-post-v1-lists.json",
          """
          {
            "id" : "00000000-0000-0000-0000-0000000000a1",
            "request" : {
              "url" : "/v1/lists?lang=en",
              "method" : "POST",
              "bodyPatterns" : [ { "equalToJson" : "{\\"name\\": \\"todo\\"}" } ]
            },
            "response" : {
              "status" : 201,
              "body" : "{\\"id\\": 7}",
              "headers" : { "Content-Type" : "application/json", "X-Items" : [ "a", "b" ] }
            }
          }
          """);

  static final RecordedStub ROOT =
      stub(
          "words",
          "words/mappings/002-get-root.json",
          """
          {
            "id" : "00000000-0000-0000-0000-0000000000a2",
            "request" : { "url" : "/", "method" : "GET" },
            "response" : { "status" : 204 }
          }
          """);

  final CallLedger ledger = new CallLedger();
  final HttpClient client =
      new ReplayHttpClient(
          Map.of("words", new StubIndex("words", List.of(CREATED, ROOT), Set.of())), ledger);

  @Test
  void anUpstreamLivesUnderTheReplayHostByItsName() {
    assertThat(ReplayHttpClient.baseUrl("words"))
        .isEqualTo(URI.create("http://replay.invalid/words"));
  }

  @Test
  void aRequestIsAnsweredFromItsStubWithStatusHeadersAndBody() throws Exception {
    HttpRequest request = createList();

    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).isEqualTo("{\"id\": 7}");
    assertThat(response.headers().firstValue("content-type")).contains("application/json");
    assertThat(response.headers().allValues("X-Items")).containsExactly("a", "b");
    assertThat(response.request()).isSameAs(request);
    assertThat(response.uri()).isEqualTo(request.uri());
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(response.previousResponse()).isEmpty();
    assertThat(ledger.hits(CREATED.id())).isEqualTo(1);
    assertThat(ledger.calls()).isEqualTo(Map.of("words", 1));
  }

  @Test
  void theBaseUrlAloneIsTheUpstreamsRoot() throws Exception {
    HttpResponse<Void> response =
        client.send(
            HttpRequest.newBuilder(ReplayHttpClient.baseUrl("words")).GET().build(),
            HttpResponse.BodyHandlers.discarding());

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(ledger.hits(ROOT.id())).isEqualTo(1);
  }

  @Test
  void anyBodyHandlerGetsTheRecordedBytes() throws Exception {
    HttpResponse<byte[]> bytes = client.send(createList(), HttpResponse.BodyHandlers.ofByteArray());
    ledger.reset();
    HttpResponse<java.util.stream.Stream<String>> lines =
        new ReplayHttpClient(
                Map.of("words", new StubIndex("words", List.of(CREATED), Set.of())), ledger)
            .send(createList(), HttpResponse.BodyHandlers.ofLines());

    assertThat(new String(bytes.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\": 7}");
    assertThat(lines.body()).containsExactly("{\"id\": 7}");
  }

  @Test
  void anUnmatchedRequestFailsWithTheIndexsExplanationAndIsInTheLedger() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://replay.invalid/words/v1/lists?lang=fr"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"todo\"}"))
            .build();

    assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(
            "tuner replay: words: unmatched request POST /v1/lists?lang=fr {\"name\": \"todo\"};"
                + " closest stub: POST /v1/lists?lang=en (words/mappings/001-post-v1-lists.json");
    assertThat(ledger.problems()).singleElement().asString().startsWith("words: unmatched request");
    assertThat(ledger.calls("words")).isEqualTo(1);
  }

  @Test
  void aRequestToAnUndeclaredUpstreamFailsAndCountsAsUnknown() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://replay.invalid/search/v1/query")).GET().build();

    assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "tuner replay: request outside the declared upstreams: GET"
                + " http://replay.invalid/search/v1/query");
    assertThat(ledger.calls()).isEqualTo(Map.of("(unknown)", 1));
    assertThat(ledger.problems())
        .containsExactly(
            "request outside the declared upstreams: GET http://replay.invalid/search/v1/query");
  }

  @Test
  void aRequestToAnotherHostIsRefusedEvenWithAnUpstreamsPath() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://words.example.com/words/v1/lists?lang=en"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"todo\"}"))
            .build();

    assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(
            "request outside the declared upstreams: POST http://words.example.com/");
    assertThat(ledger.calls()).isEqualTo(Map.of("(unknown)", 1));
    assertThat(ledger.hits(CREATED.id())).isZero();
  }

  @Test
  void aRequestWithNoPathIsRefusedAsOutsideTheUpstreams() {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://metadata.internal")).build();

    assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(
            "request outside the declared upstreams: GET http://metadata.internal");
    assertThat(ledger.calls()).isEqualTo(Map.of("(unknown)", 1));
  }

  @Test
  void theReplayHostWithNoPathNamesNoUpstream() {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://replay.invalid?x=1")).build();

    assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "tuner replay: request outside the declared upstreams: GET http://replay.invalid?x=1");
    assertThat(ledger.calls()).isEqualTo(Map.of("(unknown)", 1));
  }

  @Test
  void sendAsyncCompletesWithTheSameAnswer() throws Exception {
    CompletableFuture<HttpResponse<String>> answer =
        client.sendAsync(createList(), HttpResponse.BodyHandlers.ofString());

    assertThat(answer).isCompleted();
    assertThat(answer.get().body()).isEqualTo("{\"id\": 7}");
    assertThat(ledger.hits(CREATED.id())).isEqualTo(1);
  }

  @Test
  void sendAsyncFailsWithTheSameIoExceptionOnAnUnmatchedRequest() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://replay.invalid/words/v1/nothing")).build();

    CompletableFuture<HttpResponse<String>> answer =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString(), null);

    assertThat(answer).isCompletedExceptionally();
    assertThatThrownBy(answer::get)
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("tuner replay: words: unmatched request GET /v1/nothing");
    assertThat(ledger.problems()).hasSize(1);
  }

  @Test
  void theClientClaimsNoProxyAuthenticatorOrRedirects() {
    assertThat(client.proxy()).isEmpty();
    assertThat(client.authenticator()).isEmpty();
    assertThat(client.cookieHandler()).isEmpty();
    assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
    assertThat(client.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
  }

  private static HttpRequest createList() {
    return HttpRequest.newBuilder(URI.create("http://replay.invalid/words/v1/lists?lang=en"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"todo\"}"))
        .build();
  }
}

package dev.tuner.harness.replay;

import static dev.tuner.harness.replay.Stubs.bodyOf;
import static dev.tuner.harness.replay.Stubs.request;
import static dev.tuner.harness.replay.Stubs.stub;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.harness.fixture.RecordedStub;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StubIndexTest {

  /** A recorded POST with a JSON body, as {@code Recorder} writes it. */
  static final RecordedStub COUNT_HELLO =
      stub(
          "words",
          "words/mappings/001-post-v1-count.json",
          """
          {
            "id" : "3eca4840-bed7-4826-af1e-50c0dd2c90d6",
            "request" : {
              "url" : "/v1/count",
              "method" : "POST",
              "bodyPatterns" : [ {
                "equalToJson" : "{\\"text\\": \\"hello\\"}",
                "ignoreArrayOrder" : false,
                "ignoreExtraElements" : false
              } ]
            },
            "response" : {
              "status" : 200,
              "body" : "{\\"count\\": 5}",
              "headers" : { "Content-Type" : "application/json" }
            }
          }
          """);

  /** A recorded GET with a query, as {@code Recorder} writes it (path, then one matcher a name). */
  static final RecordedStub ITEMS_1_2 =
      stub(
          "catalog",
          "catalog/mappings/001-get-items.json",
          """
          {
            "id" : "df4185b3-b8f2-44e3-b81e-83b248f8e349",
            "request" : {
              "urlPath" : "/items",
              "method" : "GET",
              "queryParameters" : {
                "ids" : { "hasExactly" : [ { "equalTo" : "1,2" } ] },
                "lang" : { "hasExactly" : [ { "equalTo" : "en" } ] }
              }
            },
            "response" : { "status" : 200, "body" : "[1, 2]" }
          }
          """);

  /** Second answer of a repeated request: a scenario step whose file sorts first. */
  static final RecordedStub SECOND_CALL =
      stub(
          "words",
          "words/mappings/001-post-v1-count.json",
          """
          {
            "id" : "3eca4840-bed7-4826-af1e-50c0dd2c90d6",
            "request" : {
              "url" : "/v1/count",
              "method" : "POST",
              "bodyPatterns" : [ { "equalToJson" : "{\\"text\\": \\"hello\\"}" } ]
            },
            "response" : { "status" : 200, "body" : "{\\"count\\": 2}" },
            "scenarioName" : "scenario-1-v1-count",
            "requiredScenarioState" : "scenario-1-v1-count-2"
          }
          """);

  /** First answer of the same repeated request. */
  static final RecordedStub FIRST_CALL =
      stub(
          "words",
          "words/mappings/002-post-v1-count.json",
          """
          {
            "id" : "f57874f1-625d-48b4-8207-8775e1689c91",
            "request" : {
              "url" : "/v1/count",
              "method" : "POST",
              "bodyPatterns" : [ { "equalToJson" : "{\\"text\\": \\"hello\\"}" } ]
            },
            "response" : { "status" : 200, "body" : "{\\"count\\": 1}" },
            "scenarioName" : "scenario-1-v1-count",
            "requiredScenarioState" : "Started",
            "newScenarioState" : "scenario-1-v1-count-2"
          }
          """);

  final CallLedger ledger = new CallLedger();

  @Test
  void anExactRequestIsAnsweredByItsStubAndCounted() {
    StubIndex index = new StubIndex("words", List.of(COUNT_HELLO), Set.of());

    StubIndex.Answer answer =
        index.answer(request("POST", "/v1/count", "{\"text\": \"hello\"}"), ledger);

    assertThat(answer.problem()).isNull();
    assertThat(answer.stub()).isSameAs(COUNT_HELLO);
    assertThat(bodyOf(answer)).isEqualTo("{\"count\": 5}");
    assertThat(ledger.hits(COUNT_HELLO.id())).isEqualTo(1);
    assertThat(ledger.calls()).isEqualTo(Map.of("words", 1));
    assertThat(ledger.problems()).isEmpty();
  }

  @Test
  void aJsonBodyMatchesWhateverItsSpacingAndKeyOrder() {
    RecordedStub stub =
        stub(
            "words",
            "words/mappings/001.json",
            """
            {
              "id" : "00000000-0000-0000-0000-000000000001",
              "request" : {
                "url" : "/v1/search",
                "method" : "POST",
                "bodyPatterns" : [ { "equalToJson" : "{\\"k\\": 3, \\"q\\": \\"cats\\"}" } ]
              },
              "response" : { "status" : 200, "body" : "hits" }
            }
            """);
    StubIndex index = new StubIndex("words", List.of(stub), Set.of());

    StubIndex.Answer answer =
        index.answer(request("POST", "/v1/search", "{ \"q\":\"cats\",\n \"k\" : 3 }"), ledger);

    assertThat(answer.stub()).isSameAs(stub);
  }

  @Test
  void queryParametersMatchInAnyOrderOnceDecoded() {
    StubIndex index = new StubIndex("catalog", List.of(ITEMS_1_2), Set.of());

    StubIndex.Answer answer = index.answer(request("GET", "/items?lang=en&ids=1%2C2", ""), ledger);

    assertThat(answer.stub()).isSameAs(ITEMS_1_2);
    assertThat(bodyOf(answer)).isEqualTo("[1, 2]");
  }

  @Test
  void aQueryParameterThatRecordingScrubbedDoesNotStopTheMatch() {
    RecordedStub byUrl =
        stub(
            "catalog",
            "catalog/mappings/001-get-items.json",
            """
            {
              "id" : "00000000-0000-0000-0000-000000000002",
              "request" : { "url" : "/items?ids=7", "method" : "GET" },
              "response" : { "status" : 200, "body" : "seven" }
            }
            """);
    RequestSnapshot withKey = request("GET", "/items?ids=7&API_KEY=sample-secret", "");

    StubIndex scrubbing = new StubIndex("catalog", List.of(byUrl), Set.of("api_key"));
    assertThat(scrubbing.answer(withKey, ledger).stub()).isSameAs(byUrl);

    StubIndex strict = new StubIndex("catalog", List.of(byUrl), Set.of());
    StubIndex.Answer refused = strict.answer(withKey, ledger);
    assertThat(refused.stub()).isNull();
    assertThat(refused.problem())
        .startsWith("catalog: unmatched request GET /items?ids=7&API_KEY=");
  }

  @Test
  void aRepeatedRequestIsAnsweredInScenarioOrderWhateverTheFileOrder() {
    StubIndex index = new StubIndex("words", List.of(SECOND_CALL, FIRST_CALL), Set.of());
    RequestSnapshot count = request("POST", "/v1/count", "{\"text\":\"hello\"}");

    assertThat(bodyOf(index.answer(count, ledger))).isEqualTo("{\"count\": 1}");
    assertThat(bodyOf(index.answer(count, ledger))).isEqualTo("{\"count\": 2}");
    assertThat(ledger.hits(FIRST_CALL.id())).isEqualTo(1);
    assertThat(ledger.hits(SECOND_CALL.id())).isEqualTo(1);
    assertThat(ledger.calls("words")).isEqualTo(2);
  }

  @Test
  void aCallBeyondTheRecordingGetsTheLastResponseAgainAndCountsAsACall() {
    StubIndex index = new StubIndex("words", List.of(SECOND_CALL, FIRST_CALL), Set.of());
    RequestSnapshot count = request("POST", "/v1/count", "{\"text\": \"hello\"}");
    index.answer(count, ledger);
    index.answer(count, ledger);

    StubIndex.Answer third = index.answer(count, ledger);
    StubIndex.Answer fourth = index.answer(count, ledger);

    // As loopback WireMock does; the call contract, not the lookup, judges the extra calls.
    assertThat(bodyOf(third)).isEqualTo("{\"count\": 2}");
    assertThat(bodyOf(fourth)).isEqualTo("{\"count\": 2}");
    assertThat(ledger.problems()).isEmpty();
    assertThat(ledger.hits(FIRST_CALL.id())).isEqualTo(1);
    assertThat(ledger.hits(SECOND_CALL.id())).isEqualTo(3);
    assertThat(ledger.calls("words")).isEqualTo(4);
  }

  @Test
  void aSingleStubAnswersEveryRepeatOfItsRequest() {
    StubIndex index = new StubIndex("words", List.of(COUNT_HELLO), Set.of());
    RequestSnapshot count = request("POST", "/v1/count", "{\"text\": \"hello\"}");

    for (int i = 0; i < 3; i++) {
      assertThat(bodyOf(index.answer(count, ledger))).isEqualTo("{\"count\": 5}");
    }
    assertThat(ledger.hits(COUNT_HELLO.id())).isEqualTo(3);
    assertThat(ledger.problems()).isEmpty();
  }

  @Test
  void rewindStartsEveryScenarioOver() {
    StubIndex index = new StubIndex("words", List.of(SECOND_CALL, FIRST_CALL), Set.of());
    RequestSnapshot count = request("POST", "/v1/count", "{\"text\": \"hello\"}");
    index.answer(count, ledger);
    index.answer(count, ledger);

    index.rewind();

    assertThat(bodyOf(index.answer(count, ledger))).isEqualTo("{\"count\": 1}");
    assertThat(ledger.problems()).isEmpty();
  }

  @Test
  void anUnmatchedRequestNamesTheClosestStubAndThatItsBodyDiffers() {
    StubIndex index = new StubIndex("words", List.of(COUNT_HELLO, ITEMS_1_2), Set.of());

    StubIndex.Answer answer =
        index.answer(request("POST", "/v1/count", "{\"text\": \"bye\"}"), ledger);

    assertThat(answer.stub()).isNull();
    assertThat(answer.problem())
        .isEqualTo(
            "words: unmatched request POST /v1/count {\"text\": \"bye\"}; closest stub:"
                + " POST /v1/count (words/mappings/001-post-v1-count.json, body differs)");
    assertThat(ledger.problems()).containsExactly(answer.problem());
    assertThat(ledger.calls("words")).isEqualTo(1);
    assertThat(ledger.hits(COUNT_HELLO.id())).isZero();
  }

  @Test
  void aNearMissSaysWhetherTheMethodTheUrlOrTheQueryDiffers() {
    StubIndex words = new StubIndex("words", List.of(COUNT_HELLO), Set.of());
    StubIndex catalog = new StubIndex("catalog", List.of(ITEMS_1_2), Set.of());

    assertThat(words.answer(request("PUT", "/v1/count", "{\"text\": \"hello\"}"), ledger).problem())
        .endsWith("(words/mappings/001-post-v1-count.json, method differs)");
    assertThat(
            words.answer(request("POST", "/v2/count", "{\"text\": \"hello\"}"), ledger).problem())
        .endsWith("(words/mappings/001-post-v1-count.json, URL differs)");
    assertThat(catalog.answer(request("GET", "/items?ids=1,3&lang=en", ""), ledger).problem())
        .isEqualTo(
            "catalog: unmatched request GET /items?ids=1,3&lang=en; closest stub: GET /items"
                + " (catalog/mappings/001-get-items.json, headers or query differ)");
  }

  @Test
  void theClosestOfSeveralStubsIsTheOneNamed() {
    RecordedStub search =
        stub(
            "words",
            "words/mappings/002-post-v1-search.json",
            """
            {
              "id" : "00000000-0000-0000-0000-000000000003",
              "request" : {
                "url" : "/v1/search",
                "method" : "POST",
                "bodyPatterns" : [ { "equalToJson" : "{\\"q\\": \\"cats\\"}" } ]
              },
              "response" : { "status" : 200, "body" : "[]" }
            }
            """);
    StubIndex index = new StubIndex("words", List.of(COUNT_HELLO, search), Set.of());

    assertThat(index.answer(request("POST", "/v1/search", "{\"q\": \"dogs\"}"), ledger).problem())
        .contains("closest stub: POST /v1/search (words/mappings/002-post-v1-search.json");
    assertThat(index.answer(request("POST", "/v1/count", "{\"text\": \"dogs\"}"), ledger).problem())
        .contains("closest stub: POST /v1/count (words/mappings/001-post-v1-count.json");
  }

  @Test
  void anUpstreamWithNoStubsSaysSo() {
    StubIndex index = new StubIndex("search", List.of(), Set.of());

    StubIndex.Answer answer = index.answer(request("GET", "/v1/anything", ""), ledger);

    assertThat(answer.problem())
        .isEqualTo(
            "search: unmatched request GET /v1/anything; no stubs recorded for this upstream");
    assertThat(ledger.calls()).isEqualTo(Map.of("search", 1));
  }

  @Test
  void aStubThatAcceptsManyRequestsIsMatchedByWireMockAndRepeatsSpreadOverEqualStubs() {
    String pattern =
        """
        {
          "id" : "%s",
          "request" : { "urlPathPattern" : "/v1/items/[0-9]+", "method" : "GET" },
          "response" : { "status" : 200, "body" : "%s" }
        }
        """;
    RecordedStub a =
        stub("catalog", "catalog/mappings/a.json", pattern.formatted(uuid(4), "from a"));
    RecordedStub b =
        stub("catalog", "catalog/mappings/b.json", pattern.formatted(uuid(5), "from b"));
    StubIndex index = new StubIndex("catalog", List.of(a, b), Set.of());

    StubIndex.Answer first = index.answer(request("GET", "/v1/items/42", ""), ledger);
    StubIndex.Answer second = index.answer(request("GET", "/v1/items/43", ""), ledger);
    StubIndex.Answer notANumber = index.answer(request("GET", "/v1/items/x", ""), ledger);

    assertThat(List.of(bodyOf(first), bodyOf(second)))
        .containsExactlyInAnyOrder("from a", "from b");
    assertThat(ledger.hits(a.id())).isEqualTo(1);
    assertThat(ledger.hits(b.id())).isEqualTo(1);
    assertThat(notANumber.stub()).isNull();
    assertThat(ledger.calls("catalog")).isEqualTo(3);
  }

  @Test
  void aStubThatMatchesOnAHeaderNeedsTheHeader() {
    RecordedStub versioned =
        stub(
            "catalog",
            "catalog/mappings/001-get-items.json",
            """
            {
              "id" : "00000000-0000-0000-0000-000000000006",
              "request" : {
                "url" : "/items",
                "method" : "GET",
                "headers" : { "Accept-Version" : { "equalTo" : "2" } }
              },
              "response" : { "status" : 200, "body" : "v2" }
            }
            """);
    StubIndex index = new StubIndex("catalog", List.of(versioned), Set.of());

    StubIndex.Answer with =
        index.answer(request("GET", "/items", Map.of("Accept-Version", List.of("2")), ""), ledger);
    StubIndex.Answer without = index.answer(request("GET", "/items", ""), ledger);

    assertThat(bodyOf(with)).isEqualTo("v2");
    assertThat(without.problem())
        .isEqualTo(
            "catalog: unmatched request GET /items; closest stub: GET /items"
                + " (catalog/mappings/001-get-items.json, headers or query differ)");
  }

  @Test
  void aTextBodyMustBeEqualToTheLetter() {
    RecordedStub text =
        stub(
            "words",
            "words/mappings/001-post-v1-lower.json",
            """
            {
              "id" : "00000000-0000-0000-0000-000000000007",
              "request" : {
                "url" : "/v1/lower",
                "method" : "POST",
                "bodyPatterns" : [ { "equalTo" : "Hello World" } ]
              },
              "response" : { "status" : 200, "body" : "hello world" }
            }
            """);
    StubIndex index = new StubIndex("words", List.of(text), Set.of());

    assertThat(index.answer(request("POST", "/v1/lower", "Hello World"), ledger).stub())
        .isSameAs(text);
    assertThat(index.answer(request("POST", "/v1/lower", "hello world"), ledger).problem())
        .endsWith("body differs)");
  }

  @Test
  void unmatchedExplainsARequestForTransportsThatMatchElsewhere() {
    StubIndex index = new StubIndex("words", List.of(SECOND_CALL, FIRST_CALL), Set.of());

    assertThat(index.unmatched(request("POST", "/v1/count", "{\"text\": \"hello\"}")))
        .isEqualTo(
            "words: more calls than recorded: POST /v1/count {\"text\": \"hello\"} (scenario"
                + " exhausted; words/mappings/002-post-v1-count.json)");
    assertThat(index.unmatched(request("POST", "/v1/count", "{\"text\": \"bye\"}")))
        .startsWith("words: unmatched request POST /v1/count {\"text\": \"bye\"}; closest stub:");
    assertThat(ledger.calls()).isEmpty();
  }

  private static String uuid(int n) {
    return "00000000-0000-0000-0000-00000000000" + n;
  }
}

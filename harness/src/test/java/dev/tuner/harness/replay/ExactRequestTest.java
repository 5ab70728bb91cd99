package dev.tuner.harness.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import dev.tuner.harness.golden.CanonicalJson;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExactRequestTest {

  @Test
  void aRecordedPostWithAJsonBodyIsOneExactRequest() throws Exception {
    Optional<ExactRequest> exact =
        ExactRequest.of(
            pattern(
                """
                {
                  "url" : "/v1/count",
                  "method" : "POST",
                  "bodyPatterns" : [ {
                    "equalToJson" : "{\\"text\\": \\"hello\\"}",
                    "ignoreArrayOrder" : false,
                    "ignoreExtraElements" : false
                  } ]
                }
                """));

    assertThat(exact).isPresent();
    assertThat(exact.get().method()).isEqualTo("POST");
    assertThat(exact.get().path()).isEqualTo("/v1/count");
    assertThat(exact.get().query()).isEmpty();
    // WireMock keeps the expected JSON in its own layout; the meaning is what must survive.
    assertThat(CanonicalJson.compact(CanonicalJson.parse(exact.get().body())))
        .isEqualTo("{\"text\":\"hello\"}");
  }

  @Test
  void aUrlWithAQueryIsSplitIntoThePathAndDecodedPairs() {
    ExactRequest exact =
        ExactRequest.of(pattern("{\"url\": \"/search?q=a%20b&ids=1,2\", \"method\": \"GET\"}"))
            .orElseThrow();

    assertThat(exact.path()).isEqualTo("/search");
    assertThat(exact.query()).containsExactly("q=a b", "ids=1,2");
    assertThat(exact.body()).isEmpty();
  }

  @Test
  void queryMatchersOfAUrlPathBecomePairsOneAValue() {
    ExactRequest exact =
        ExactRequest.of(
                pattern(
                    """
                    {
                      "urlPath" : "/items",
                      "method" : "GET",
                      "queryParameters" : {
                        "ids" : { "hasExactly" : [ { "equalTo" : "1" }, { "equalTo" : "2" } ] },
                        "lang" : { "equalTo" : "en" }
                      }
                    }
                    """))
            .orElseThrow();

    assertThat(exact.path()).isEqualTo("/items");
    assertThat(exact.query()).containsExactlyInAnyOrder("ids=1", "ids=2", "lang=en");
  }

  @Test
  void aTextBodyComparedToTheLetterIsExact() {
    assertThat(
            ExactRequest.of(
                pattern(
                    "{\"url\": \"/t\", \"method\": \"PUT\","
                        + " \"bodyPatterns\": [{\"equalTo\": \"plain text\"}]}")))
        .map(ExactRequest::body)
        .contains("plain text");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // a regex URL or path
        "{'urlPattern': '/items/.*', 'method': 'GET'}",
        "{'urlPathPattern': '/items/[0-9]+', 'method': 'GET'}",
        // a path template
        "{'urlPathTemplate': '/items/{id}', 'method': 'GET'}",
        // a header, a cookie or credentials
        "{'url': '/items', 'method': 'GET', 'headers': {'Accept': {'equalTo': 'text/plain'}}}",
        "{'url': '/items', 'method': 'GET', 'cookies': {'session': {'equalTo': 'x'}}}",
        "{'url': '/items', 'method': 'GET',"
            + " 'basicAuthCredentials': {'username': 'u', 'password': 'p'}}",
        // a query value that is not compared for equality
        "{'urlPath': '/items', 'method': 'GET', 'queryParameters': {'ids': {'matches': '[0-9]+'}}}",
        // a body that is not compared for equality, or compared twice
        "{'url': '/v1', 'method': 'POST', 'bodyPatterns': [{'contains': 'hello'}]}",
        "{'url': '/v1', 'method': 'POST',"
            + " 'bodyPatterns': [{'equalTo': 'Hello', 'caseInsensitive': true}]}",
        "{'url': '/v1', 'method': 'POST',"
            + " 'bodyPatterns': [{'equalToJson': '[1, 2]', 'ignoreArrayOrder': true}]}",
        "{'url': '/v1', 'method': 'POST',"
            + " 'bodyPatterns': [{'equalToJson': '{}', 'ignoreExtraElements': true}]}",
        "{'url': '/v1', 'method': 'POST',"
            + " 'bodyPatterns': [{'equalTo': 'a'}, {'equalTo': 'a'}]}",
      })
  void aPatternThatAcceptsMoreThanOneRequestIsNotExact(String json) {
    assertThat(ExactRequest.of(pattern(json.replace('\'', '"')))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ANY", "GET_OR_HEAD"})
  void aStubForMoreThanOneMethodIsNotExact(String method) {
    assertThat(ExactRequest.of(pattern("{\"url\": \"/items\", \"method\": \"" + method + "\"}")))
        .isEmpty();
  }

  @Test
  void pathAndQueryReEncodesValuesButKeepsCommas() {
    ExactRequest exact =
        new ExactRequest("GET", "/search", List.of("q=a b&c", "ids=1,2", "empty="), "");

    assertThat(exact.pathAndQuery()).isEqualTo("/search?q=a+b%26c&ids=1,2&empty=");
    assertThat(new ExactRequest("GET", "/search", List.of(), "").pathAndQuery())
        .isEqualTo("/search");
  }

  @Test
  void queryOfDecodesEveryPairAndTreatsANameAloneAsEmpty() {
    assertThat(ExactRequest.queryOf("/p?a=1&a=2&flag&q=x%3Dy+z"))
        .containsExactly("a=1", "a=2", "flag=", "q=x=y z");
    assertThat(ExactRequest.queryOf("/p?")).isEmpty();
    assertThat(ExactRequest.queryOf("/p")).isEmpty();
    assertThat(ExactRequest.pathOf("/p?a=1")).isEqualTo("/p");
    assertThat(ExactRequest.pathOf("/p")).isEqualTo("/p");
  }

  private static RequestPattern pattern(String json) {
    return Json.read(json, RequestPattern.class);
  }
}

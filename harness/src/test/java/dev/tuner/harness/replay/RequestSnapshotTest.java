package dev.tuner.harness.replay;

import static dev.tuner.harness.replay.Stubs.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestSnapshotTest {

  @Test
  void aRequestWithoutBodyIsDescribedByMethodAndPath() {
    assertThat(request("GET", "/items?ids=1,2", "").describe()).isEqualTo("GET /items?ids=1,2");
  }

  @Test
  void aBodyFollowsMethodAndPathInTheDescription() {
    assertThat(request("POST", "/v1/count", "{\"text\": \"hello\"}").describe())
        .isEqualTo("POST /v1/count {\"text\": \"hello\"}");
  }

  @Test
  void aLongBodyIsCutTo120Characters() {
    String body = "{\"vector\": [" + "0.125, ".repeat(40) + "1]}";

    String described = request("POST", "/v1/search", body).describe();

    assertThat(described)
        .isEqualTo("POST /v1/search " + body.substring(0, 117) + "...")
        .hasSize("POST /v1/search ".length() + 120);
  }

  @Test
  void aBodyOfExactly120CharactersIsShownWhole() {
    String body = "x".repeat(120);

    assertThat(request("POST", "/v1", body).describe()).isEqualTo("POST /v1 " + body);
  }

  @Test
  void theBodyTextIsDecodedAsUtf8() {
    assertThat(request("POST", "/v1", "naïve – ok").bodyText()).isEqualTo("naïve – ok");
  }

  @Test
  void inWireMocksModelTheRequestKeepsMethodUrlHeadersAndBody() {
    RequestSnapshot snapshot =
        request(
            "POST",
            "/v1/count?lang=en",
            Map.of("Content-Type", List.of("application/json")),
            "{\"text\": \"hello\"}");

    Request request = snapshot.toWireMock();

    assertThat(request.getMethod()).isEqualTo(RequestMethod.POST);
    assertThat(request.getUrl()).isEqualTo("/v1/count?lang=en");
    assertThat(request.getAbsoluteUrl()).isEqualTo("http://replay.invalid/v1/count?lang=en");
    assertThat(request.getHeader("content-type")).isEqualTo("application/json");
    assertThat(request.getBodyAsString()).isEqualTo("{\"text\": \"hello\"}");
    assertThat(request.queryParameter("lang").firstValue()).isEqualTo("en");
  }
}

package dev.tuner.harness;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real WireMock server playing the live services the sample hot path calls, and a spec pointing
 * at it.
 */
public final class LiveUpstreams implements AutoCloseable {

  final WireMockServer server =
      new WireMockServer(
          WireMockConfiguration.options()
              .bindAddress("127.0.0.1")
              .dynamicPort()
              .notifier(new ConsoleNotifier(false)));

  public LiveUpstreams() {
    server.start();
    // Identical requests, different answers: replay must give them back in order.
    server.stubFor(
        post(urlPathEqualTo("/words/v1/count"))
            .inScenario("counter")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("second")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Date", "Mon, 01 Jan 2024 00:00:00 GMT")
                    .withHeader("X-Request-Id", "abc")
                    .withBody("{\"count\": 1}")));
    server.stubFor(
        post(urlPathEqualTo("/words/v1/count"))
            .inScenario("counter")
            .whenScenarioStateIs("second")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"count\": 2}")));
    server.stubFor(
        get(urlPathEqualTo("/catalog/items"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Set-Cookie", "session=abcdef123456")
                    .withBody("{\"items\": \"" + "x".repeat(5000) + "\"}")));
  }

  public String url(String prefix) {
    return "http://127.0.0.1:" + server.port() + "/" + prefix;
  }

  /** Writes a tuner.yaml for the sample hot path into {@code root}. */
  public Path writeSpec(Path root) throws Exception {
    Path spec = root.resolve("tuner.yaml");
    Files.writeString(
        spec,
        String.join(
            "\n",
            "target:",
            "  hotPath: " + SampleHotPath.class.getName(),
            "upstreams:",
            "  words: {url: " + url("words") + "}",
            "  catalog: {url: " + url("catalog") + "}",
            "cases:",
            "  - id: hello",
            "    input: {text: hello}",
            "  - id: held",
            "    split: holdout",
            "    input: {text: bye}",
            "budget: {maxExperiments: 3}",
            ""));
    return spec;
  }

  @Override
  public void close() {
    server.stop();
  }
}

package dev.tuner.harness.replay;

import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.tuner.harness.fixture.RecordedStub;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Stubs and requests written the way WireMock and a hot path write them, for the replay tests. */
final class Stubs {

  private Stubs() {}

  /**
   * A stub read from WireMock mapping JSON, as {@code FixtureSet} reads one with an inline body.
   */
  static RecordedStub stub(String upstream, String file, String mappingJson) {
    StubMapping mapping = Json.read(mappingJson, StubMapping.class);
    byte[] body = mapping.getResponse().getByteBody();
    return new RecordedStub(upstream, file, mapping, body == null ? new byte[0] : body);
  }

  static RequestSnapshot request(String method, String pathAndQuery, String body) {
    return new RequestSnapshot(
        method, pathAndQuery, Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }

  static RequestSnapshot request(
      String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
    return new RequestSnapshot(
        method, pathAndQuery, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  static String bodyOf(StubIndex.Answer answer) {
    return new String(answer.stub().body(), StandardCharsets.UTF_8);
  }
}

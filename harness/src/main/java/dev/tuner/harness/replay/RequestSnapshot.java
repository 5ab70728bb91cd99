package dev.tuner.harness.replay;

import com.github.tomakehurst.wiremock.http.ImmutableRequest;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A request as the hot path sent it: method, path with query (relative to the upstream's base URL),
 * headers and body. Both transports reduce requests to this before looking them up.
 */
public record RequestSnapshot(
    String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body) {

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The same request in WireMock's model, for its matchers. */
  public Request toWireMock() {
    ImmutableRequest.Builder builder =
        ImmutableRequest.create()
            .withMethod(RequestMethod.fromString(method))
            .withAbsoluteUrl("http://replay.invalid" + pathAndQuery)
            .withBody(body);
    headers.forEach(builder::withHeader);
    return builder.build();
  }

  /** {@code POST /v1/search {"vector":[0.1,...} }: short enough for a failure message. */
  public String describe() {
    String text = bodyText();
    if (text.isEmpty()) {
      return method + " " + pathAndQuery;
    }
    return method
        + " "
        + pathAndQuery
        + " "
        + (text.length() > 120 ? text.substring(0, 117) + "..." : text);
  }
}

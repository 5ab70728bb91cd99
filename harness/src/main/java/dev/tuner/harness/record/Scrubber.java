package dev.tuner.harness.record;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.tuner.harness.spec.RecordSpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Removes what must never reach disk from a recorded stub: credentials in headers or query strings,
 * and response headers that change on every call. Runs before anything is written.
 */
final class Scrubber {

  private final Set<String> secretHeaders;
  private final Set<String> secretParams;
  private final Set<String> volatileHeaders;

  Scrubber(RecordSpec spec) {
    this.secretHeaders = lower(spec.secretHeaders());
    this.secretParams = lower(spec.secretQueryParams());
    this.volatileHeaders = lower(spec.volatileHeaders());
  }

  void scrub(StubMapping stub) {
    stub.setRequest(withoutSecrets(stub.getRequest()));
    var response = stub.getResponse();
    if (response.getHeaders() != null) {
      List<HttpHeader> kept = new ArrayList<>();
      for (HttpHeader header : response.getHeaders().all()) {
        String name = header.key().toLowerCase(Locale.ROOT);
        if (!secretHeaders.contains(name) && !volatileHeaders.contains(name)) {
          kept.add(header);
        }
      }
      stub.setResponse(
          ResponseDefinitionBuilder.like(response)
              .but()
              .withHeaders(new HttpHeaders(kept))
              .build());
    }
  }

  /**
   * The same pattern without secret headers or query parameters; a URL with a query becomes a path
   * plus one matcher per parameter, so a secret parameter can be left out of matching altogether.
   */
  private RequestPattern withoutSecrets(RequestPattern request) {
    UrlPattern url = request.getUrlMatcher();
    String expected = url.getExpected();
    boolean queryInUrl =
        url.getClass() == UrlPattern.class && !url.isRegex() && expected.contains("?");
    RequestPatternBuilder builder =
        RequestPatternBuilder.newRequestPattern(
            request.getMethod(),
            queryInUrl ? urlPathEqualTo(expected.substring(0, expected.indexOf('?'))) : url);
    if (queryInUrl) {
      for (String[] p : params(expected)) {
        if (!isSecretParam(p[0])) {
          builder.withQueryParam(p[0], equalTo(p[1]));
        }
      }
    }
    if (request.getQueryParameters() != null) {
      request
          .getQueryParameters()
          .forEach(
              (name, pattern) -> {
                if (!isSecretParam(name)) {
                  builder.withQueryParam(name, pattern);
                }
              });
    }
    if (request.getHeaders() != null) {
      request
          .getHeaders()
          .forEach(
              (name, pattern) -> {
                if (!isSecretHeader(name)) {
                  builder.withHeader(name, pattern);
                }
              });
    }
    if (request.getBodyPatterns() != null) {
      request.getBodyPatterns().forEach(builder::withRequestBody);
    }
    return builder.build();
  }

  boolean isSecretHeader(String name) {
    return secretHeaders.contains(name.toLowerCase(Locale.ROOT));
  }

  boolean isSecretParam(String name) {
    return secretParams.contains(name.toLowerCase(Locale.ROOT));
  }

  static List<String[]> params(String url) {
    int q = url.indexOf('?');
    if (q < 0) {
      return List.of();
    }
    List<String[]> out = new ArrayList<>();
    for (String pair : url.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.add(new String[] {decode(name), decode(value)});
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static Set<String> lower(List<String> names) {
    return names.stream()
        .map(n -> n.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
  }
}

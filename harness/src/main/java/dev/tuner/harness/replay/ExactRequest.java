package dev.tuner.harness.replay;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.ContentPattern;
import com.github.tomakehurst.wiremock.matching.EqualToJsonPattern;
import com.github.tomakehurst.wiremock.matching.EqualToPattern;
import com.github.tomakehurst.wiremock.matching.ExactMatchMultiValuePattern;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import com.github.tomakehurst.wiremock.matching.SingleMatchMultiValuePattern;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import com.github.tomakehurst.wiremock.matching.UrlPathPattern;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one request a stub pattern accepts, when it accepts exactly one: a method, a path, query
 * values and a body compared for equality. Recorded stubs are of this kind; hand-written ones with
 * regexes are not.
 *
 * @param query decoded {@code name=value} pairs in the pattern's order
 * @param body the expected body text, or empty for none
 */
public record ExactRequest(String method, String path, List<String> query, String body) {

  /** The exact request of a pattern, or empty when the pattern matches more than one request. */
  public static Optional<ExactRequest> of(RequestPattern pattern) {
    UrlPattern url = pattern.getUrlMatcher();
    if (url == null
        || url.isRegex()
        || !isOneMethod(pattern.getMethod())
        || !isEmpty(pattern.getHeaders())
        || !isEmpty(pattern.getCookies())
        || pattern.getBasicAuthCredentials() != null
        || pattern.hasCustomMatcher()) {
      return Optional.empty();
    }
    List<String> query = new ArrayList<>();
    String path;
    if (url.getClass() == UrlPattern.class) {
      path = pathOf(url.getExpected());
      query.addAll(queryOf(url.getExpected()));
    } else if (url.getClass() == UrlPathPattern.class) {
      path = url.getExpected();
    } else {
      return Optional.empty();
    }
    if (pattern.getQueryParameters() != null) {
      for (var param : pattern.getQueryParameters().entrySet()) {
        List<StringValuePattern> values =
            param.getValue() instanceof ExactMatchMultiValuePattern exact
                ? exact.getValues()
                : param.getValue() instanceof SingleMatchMultiValuePattern single
                    ? List.of(single.getValuePattern())
                    : null;
        if (values == null || values.stream().anyMatch(v -> v.getClass() != EqualToPattern.class)) {
          return Optional.empty();
        }
        values.forEach(v -> query.add(param.getKey() + "=" + v.getExpected()));
      }
    }
    List<ContentPattern<?>> bodies =
        pattern.getBodyPatterns() == null ? List.of() : pattern.getBodyPatterns();
    if (bodies.size() > 1) {
      return Optional.empty();
    }
    String body = "";
    if (bodies.size() == 1) {
      ContentPattern<?> p = bodies.get(0);
      if (p instanceof EqualToJsonPattern json
          && !Boolean.TRUE.equals(json.isIgnoreArrayOrder())
          && !Boolean.TRUE.equals(json.isIgnoreExtraElements())) {
        body = json.getExpected();
      } else if (p.getClass() == EqualToPattern.class
          && !Boolean.TRUE.equals(((EqualToPattern) p).getCaseInsensitive())) {
        body = ((EqualToPattern) p).getExpected();
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(
        new ExactRequest(pattern.getMethod().getName(), path, List.copyOf(query), body));
  }

  /** Path and (re-encoded) query, as a client would put it after the upstream's base URL. */
  public String pathAndQuery() {
    if (query.isEmpty()) {
      return path;
    }
    return path
        + "?"
        + query.stream()
            .map(
                pair -> {
                  int eq = pair.indexOf('=');
                  return encode(pair.substring(0, eq)) + "=" + encode(pair.substring(eq + 1));
                })
            .collect(Collectors.joining("&"));
  }

  static String pathOf(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  /** Decoded {@code name=value} pairs of a URL's query. */
  static List<String> queryOf(String url) {
    int q = url.indexOf('?');
    if (q < 0 || q == url.length() - 1) {
      return List.of();
    }
    List<String> pairs = new ArrayList<>();
    for (String pair : url.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      pairs.add(name + "=" + value);
    }
    return pairs;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%2C", ",");
  }

  /** Whether a stub's method matches one method only: ANY and GET_OR_HEAD match several. */
  private static boolean isOneMethod(RequestMethod method) {
    return method != null
        && !method.equals(RequestMethod.ANY)
        && !method.equals(RequestMethod.GET_OR_HEAD);
  }

  private static boolean isEmpty(Map<?, ?> map) {
    return map == null || map.isEmpty();
  }
}

package dev.tuner.harness.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.tomakehurst.wiremock.matching.ContentPattern;
import com.github.tomakehurst.wiremock.matching.EqualToJsonPattern;
import com.github.tomakehurst.wiremock.matching.EqualToPattern;
import com.github.tomakehurst.wiremock.matching.ExactMatchMultiValuePattern;
import com.github.tomakehurst.wiremock.matching.SingleMatchMultiValuePattern;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import com.github.tomakehurst.wiremock.matching.UrlPathPattern;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import com.github.tomakehurst.wiremock.http.Request;
import dev.tuner.harness.fixture.RecordedStub;
import dev.tuner.harness.golden.CanonicalJson;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One upstream's stubs, indexed for replay that costs microseconds: an exact key (method, URL, canonical
 * JSON body) leads to the stubs recorded for it, in scenario order. Requests the index cannot answer go
 * through WireMock's own matcher, which also finds the closest stub for a failure message.
 */
public final class StubIndex {

  private final String upstream;
  private final List<RecordedStub> stubs;
  private final Map<String, List<RecordedStub>> byKey = new HashMap<>();
  private final Map<String, AtomicInteger> served = new HashMap<>();
  private final Set<String> ignoredParams;

  /**
   * @param ignoredParams lower-case query parameter names that recording scrubbed (credentials): requests
   *     carry them, stubs do not match on them
   */
  public StubIndex(String upstream, List<RecordedStub> stubs, Set<String> ignoredParams) {
    this.upstream = upstream;
    this.ignoredParams = Set.copyOf(ignoredParams);
    this.stubs = List.copyOf(stubs);
    Map<String, List<RecordedStub>> groups = new LinkedHashMap<>();
    for (RecordedStub stub : stubs) {
      String key = keyOf(stub.mapping().getRequest());
      if (key != null) {
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(stub);
      }
    }
    groups.forEach((key, group) -> {
      byKey.put(key, inScenarioOrder(group));
      served.put(key, new AtomicInteger());
    });
  }

  public String upstream() {
    return upstream;
  }

  /** The outcome of one lookup: the stub that answers, or why none does. */
  public record Answer(RecordedStub stub, String problem) {}

  /** Answers one request and records it in the ledger. */
  public Answer answer(RequestSnapshot request, CallLedger ledger) {
    String key = keyOf(request);
    List<RecordedStub> chain = key == null ? null : byKey.get(key);
    if (chain != null) {
      int n = served.get(key).getAndIncrement();
      if (n < chain.size()) {
        RecordedStub stub = chain.get(n);
        ledger.hit(upstream, stub.id());
        return new Answer(stub, null);
      }
      String problem = upstream + ": more calls than recorded: " + request.describe() + " was recorded "
          + chain.size() + " time(s), this is call " + (n + 1) + " (scenario exhausted; " + chain.get(0).file() + ")";
      ledger.miss(upstream, problem);
      return new Answer(null, problem);
    }
    return answerByWireMock(request, ledger);
  }

  /** Starts every scenario over. */
  public void rewind() {
    served.values().forEach(n -> n.set(0));
  }

  /** Describes why a request found no stub, naming the closest one; for transports that match elsewhere. */
  public String unmatched(RequestSnapshot request) {
    String key = keyOf(request);
    if (key != null && byKey.containsKey(key)) {
      return upstream + ": more calls than recorded: " + request.describe() + " (scenario exhausted; "
          + byKey.get(key).get(0).file() + ")";
    }
    return upstream + ": unmatched request " + request.describe() + nearMiss(request.toWireMock());
  }

  private Answer answerByWireMock(RequestSnapshot request, CallLedger ledger) {
    Request wm = request.toWireMock();
    RecordedStub best = null;
    for (RecordedStub stub : stubs) {
      if (stub.mapping().getRequest().match(wm).isExactMatch()
          && (best == null || ledger.hits(stub.id()) < ledger.hits(best.id()))) {
        best = stub;
      }
    }
    if (best != null) {
      ledger.hit(upstream, best.id());
      return new Answer(best, null);
    }
    String problem = upstream + ": unmatched request " + request.describe() + nearMiss(wm);
    ledger.miss(upstream, problem);
    return new Answer(null, problem);
  }

  private String nearMiss(Request request) {
    return stubs.stream()
        .map(stub -> Map.entry(stub, stub.mapping().getRequest().match(request)))
        .min(Comparator.comparingDouble((Map.Entry<RecordedStub, MatchResult> e) -> e.getValue().getDistance())
            .thenComparing(e -> e.getKey().file()))
        .map(e -> "; closest stub: " + e.getKey().describe() + " (" + e.getKey().file() + ", "
            + whatDiffers(e.getKey().mapping().getRequest(), request) + ")")
        .orElse("; no stubs recorded for this upstream");
  }

  private static String whatDiffers(RequestPattern pattern, Request request) {
    List<String> parts = new ArrayList<>();
    if (pattern.getMethod() != null && !pattern.getMethod().match(request.getMethod()).isExactMatch()) {
      parts.add("method differs");
    }
    if (pattern.getUrlMatcher() != null && !pattern.getUrlMatcher().match(request.getUrl()).isExactMatch()) {
      parts.add("URL differs");
    }
    if (pattern.getBodyPatterns() != null
        && pattern.getBodyPatterns().stream().anyMatch(p -> !matchesBody(p, request))) {
      parts.add("body differs");
    }
    return parts.isEmpty() ? "headers or query differ" : String.join(", ", parts);
  }

  @SuppressWarnings("unchecked")
  private static boolean matchesBody(ContentPattern<?> pattern, Request request) {
    return ((ContentPattern<String>) pattern).match(request.getBodyAsString()).isExactMatch();
  }

  /**
   * Exact key of a stub, or null when its pattern is richer than method, path, query values and body
   * equality (those stubs are answered by WireMock's matcher).
   */
  private static String keyOf(RequestPattern pattern) {
    UrlPattern url = pattern.getUrlMatcher();
    if (url == null || url.isRegex() || pattern.getMethod() == null || !isEmpty(pattern.getHeaders())
        || !isEmpty(pattern.getCookies()) || pattern.getBasicAuthCredentials() != null || pattern.hasCustomMatcher()) {
      return null;
    }
    List<String> query = new ArrayList<>();
    String path;
    if (url.getClass() == UrlPattern.class) {
      path = pathOf(url.getExpected());
      query.addAll(queryOf(url.getExpected(), Set.of()));
    } else if (url.getClass() == UrlPathPattern.class) {
      path = url.getExpected();
    } else {
      return null;
    }
    if (pattern.getQueryParameters() != null) {
      for (var param : pattern.getQueryParameters().entrySet()) {
        List<StringValuePattern> values = param.getValue() instanceof ExactMatchMultiValuePattern exact
            ? exact.getValues()
            : param.getValue() instanceof SingleMatchMultiValuePattern single ? List.of(single.getValuePattern()) : null;
        if (values == null || values.stream().anyMatch(v -> v.getClass() != EqualToPattern.class)) {
          return null;
        }
        values.forEach(v -> query.add(param.getKey() + "=" + v.getExpected()));
      }
    }
    List<ContentPattern<?>> bodies = pattern.getBodyPatterns() == null ? List.of() : pattern.getBodyPatterns();
    if (bodies.size() > 1) {
      return null;
    }
    String body = "";
    if (bodies.size() == 1) {
      ContentPattern<?> p = bodies.get(0);
      if (p instanceof EqualToJsonPattern json && !Boolean.TRUE.equals(json.isIgnoreArrayOrder())
          && !Boolean.TRUE.equals(json.isIgnoreExtraElements())) {
        body = canonicalOrRaw(json.getExpected());
      } else if (p.getClass() == EqualToPattern.class && !Boolean.TRUE.equals(((EqualToPattern) p).getCaseInsensitive())) {
        body = canonicalOrRaw(((EqualToPattern) p).getExpected());
      } else {
        return null;
      }
    }
    return key(pattern.getMethod().getName(), path, query, body);
  }

  private String keyOf(RequestSnapshot request) {
    String body = request.body().length == 0 ? "" : canonicalOrRaw(request.bodyText());
    return key(request.method(), pathOf(request.pathAndQuery()), queryOf(request.pathAndQuery(), ignoredParams), body);
  }

  private static String key(String method, String path, List<String> query, String body) {
    List<String> sorted = new ArrayList<>(query);
    Collections.sort(sorted);
    return method + ' ' + path + '?' + String.join("&", sorted) + '\n' + body;
  }

  private static String pathOf(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  /** Decoded {@code name=value} pairs of a URL's query, without the ignored (secret) names. */
  private static List<String> queryOf(String url, Set<String> ignored) {
    int q = url.indexOf('?');
    if (q < 0 || q == url.length() - 1) {
      return List.of();
    }
    List<String> pairs = new ArrayList<>();
    for (String pair : url.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (!ignored.contains(name.toLowerCase(Locale.ROOT))) {
        pairs.add(name + "=" + value);
      }
    }
    return pairs;
  }

  private static String canonicalOrRaw(String text) {
    try {
      return CanonicalJson.compact(CanonicalJson.parse(text));
    } catch (JsonProcessingException e) {
      return text;
    }
  }

  private static boolean isEmpty(Map<?, ?> map) {
    return map == null || map.isEmpty();
  }

  /** Orders stubs of one request along their scenario chain (Started → next state → ...). */
  private static List<RecordedStub> inScenarioOrder(List<RecordedStub> group) {
    if (group.size() == 1) {
      return group;
    }
    List<RecordedStub> ordered = new ArrayList<>();
    List<RecordedStub> left = new ArrayList<>(group);
    String state = "Started";
    while (!left.isEmpty()) {
      String required = state;
      RecordedStub next = left.stream()
          .filter(s -> Objects.equals(s.mapping().getRequiredScenarioState(), required))
          .findFirst()
          .orElse(left.get(0));
      ordered.add(next);
      left.remove(next);
      state = next.mapping().getNewScenarioState();
    }
    return ordered;
  }
}

package dev.tuner.harness.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.ContentPattern;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import dev.tuner.harness.fixture.RecordedStub;
import dev.tuner.harness.golden.CanonicalJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One upstream's stubs, indexed for replay that costs microseconds: an exact key (method, URL,
 * canonical JSON body) leads to the stubs recorded for it, in scenario order. Requests the index
 * cannot answer go through WireMock's own matcher, which also finds the closest stub for a failure
 * message.
 */
public final class StubIndex {

  private final String upstream;
  private final List<RecordedStub> stubs;
  private final Map<String, List<RecordedStub>> byKey = new HashMap<>();
  private final Map<String, AtomicInteger> served = new HashMap<>();
  private final Set<String> ignoredParams;

  /**
   * @param ignoredParams lower-case query parameter names that recording scrubbed (credentials):
   *     requests carry them, stubs do not match on them
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
    groups.forEach(
        (key, group) -> {
          byKey.put(key, inScenarioOrder(group));
          served.put(key, new AtomicInteger());
        });
  }

  public String upstream() {
    return upstream;
  }

  /** The outcome of one lookup: the stub that answers, or why none does. */
  public record Answer(RecordedStub stub, String problem) {}

  /**
   * Answers one request and records it in the ledger. A request repeated beyond its recording gets
   * the chain's last response again, as loopback WireMock does (the last stub of a recorded
   * scenario keeps its state): whether the extra call is allowed is for the ledger and the case's
   * call contract to judge, so both transports reach the same verdict.
   */
  public Answer answer(RequestSnapshot request, CallLedger ledger) {
    String key = keyOf(request);
    List<RecordedStub> chain = key == null ? null : byKey.get(key);
    if (chain != null) {
      int last = chain.size() - 1;
      AtomicInteger count = served.get(key);
      // Stops counting at the last stub, so a long benchmark never overflows the counter.
      int n = count.get() < last ? count.getAndIncrement() : last;
      RecordedStub stub = chain.get(Math.min(n, last));
      ledger.hit(upstream, stub.id());
      return new Answer(stub, null);
    }
    return answerByWireMock(request, ledger);
  }

  /** Starts every scenario over. */
  public void rewind() {
    served.values().forEach(n -> n.set(0));
  }

  /**
   * Describes why a request found no stub, naming the closest one; for transports that match
   * elsewhere.
   */
  public String unmatched(RequestSnapshot request) {
    String key = keyOf(request);
    if (key != null && byKey.containsKey(key)) {
      return upstream
          + ": more calls than recorded: "
          + request.describe()
          + " (scenario exhausted; "
          + byKey.get(key).get(0).file()
          + ")";
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
        .min(
            Comparator.comparingDouble(
                    (Map.Entry<RecordedStub, MatchResult> e) -> e.getValue().getDistance())
                .thenComparing(e -> e.getKey().file()))
        .map(
            e ->
                "; closest stub: "
                    + e.getKey().describe()
                    + " ("
                    + e.getKey().file()
                    + ", "
                    + whatDiffers(e.getKey().mapping().getRequest(), request)
                    + ")")
        .orElse("; no stubs recorded for this upstream");
  }

  private static String whatDiffers(RequestPattern pattern, Request request) {
    List<String> parts = new ArrayList<>();
    if (pattern.getMethod() != null
        && !pattern.getMethod().match(request.getMethod()).isExactMatch()) {
      parts.add("method differs");
    }
    if (pattern.getUrlMatcher() != null
        && !pattern.getUrlMatcher().match(request.getUrl()).isExactMatch()) {
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
   * Exact key of a stub, or null when its pattern accepts more than one request (WireMock matches
   * those).
   */
  private static String keyOf(RequestPattern pattern) {
    return ExactRequest.of(pattern)
        .map(
            r ->
                key(
                    r.method(),
                    r.path(),
                    r.query(),
                    r.body().isEmpty() ? "" : canonicalOrRaw(r.body())))
        .orElse(null);
  }

  private String keyOf(RequestSnapshot request) {
    String body = request.body().length == 0 ? "" : canonicalOrRaw(request.bodyText());
    List<String> query =
        ExactRequest.queryOf(request.pathAndQuery()).stream()
            .filter(
                pair ->
                    !ignoredParams.contains(
                        pair.substring(0, pair.indexOf('=')).toLowerCase(Locale.ROOT)))
            .toList();
    return key(request.method(), ExactRequest.pathOf(request.pathAndQuery()), query, body);
  }

  private static String key(String method, String path, List<String> query, String body) {
    List<String> sorted = new ArrayList<>(query);
    Collections.sort(sorted);
    return method + ' ' + path + '?' + String.join("&", sorted) + '\n' + body;
  }

  private static String canonicalOrRaw(String text) {
    try {
      return CanonicalJson.compact(CanonicalJson.parse(text));
    } catch (JsonProcessingException e) {
      return text;
    }
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
      RecordedStub next =
          left.stream()
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

package dev.tuner.harness.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.tuner.harness.HarnessVersion;
import dev.tuner.harness.HotPath;
import dev.tuner.harness.JsonMappers;
import dev.tuner.harness.Upstreams;
import dev.tuner.harness.fixture.FixtureException;
import dev.tuner.harness.fixture.FixtureSet;
import dev.tuner.harness.fixture.Layout;
import dev.tuner.harness.fixture.Manifest;
import dev.tuner.harness.fixture.RecordedStub;
import dev.tuner.harness.golden.CanonicalJson;
import dev.tuner.harness.golden.Difference;
import dev.tuner.harness.golden.JsonDiff;
import dev.tuner.harness.parity.Goldens;
import dev.tuner.harness.spec.CaseSpec;
import dev.tuner.harness.spec.HarnessSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Records one case: a WireMock recorder in front of each live upstream, the hot path run through
 * them, then fixtures, manifest and golden written. Everything is written to a temporary directory
 * first and moved into place at the end, so a failure leaves the previous recording as it was.
 *
 * <p>Variants, recorded beforehand by the same hot path built with other knob values (into staging
 * layouts), join the recording: their requests that the recorded values never make become stubs of
 * their own, marked with the variant's label, so that a phase whose contract allows other calls can
 * replay them. A variant must produce the same output, or the knob is not output-neutral and the
 * recording fails.
 */
public final class Recorder {

  private static final ObjectMapper JSON = JsonMappers.pretty();

  private final Layout layout;
  private final HarnessSpec spec;
  private final HotPath hotPath;
  private final List<Variant> variants;

  public Recorder(Layout layout, HarnessSpec spec, HotPath hotPath) {
    this(layout, spec, hotPath, List.of());
  }

  public Recorder(Layout layout, HarnessSpec spec, HotPath hotPath, List<Variant> variants) {
    this.layout = layout;
    this.spec = spec;
    this.hotPath = hotPath;
    this.variants = List.copyOf(variants);
  }

  /**
   * A recording of the same cases made with other knob values.
   *
   * @param label what differs, such as {@code reference.batchSize=20}
   * @param staged where that recording was written
   */
  public record Variant(String label, Layout staged) {}

  /** What one recording wrote; {@code variants} gives each variant's calls per upstream. */
  public record Recorded(
      String caseId,
      Map<String, Integer> calls,
      Path fixtures,
      Path golden,
      Map<String, ? extends Map<String, Integer>> variants) {}

  public Recorded record(CaseSpec c)
      throws UpstreamUnreachableException, RecordingFailedException, IOException, FixtureException {
    for (var upstream : spec.upstreams().entrySet()) {
      RecordingServer.checkReachable(upstream.getKey(), upstream.getValue().url());
    }
    Map<String, RecordingServer> servers = new LinkedHashMap<>();
    String output;
    Map<String, List<StubMapping>> stubs = new TreeMap<>();
    Map<String, List<ServeEvent>> served = new TreeMap<>();
    try {
      Map<String, URI> urls = new TreeMap<>();
      for (var upstream : spec.upstreams().entrySet()) {
        RecordingServer server =
            new RecordingServer(upstream.getKey(), upstream.getValue().url(), 0).start();
        servers.put(upstream.getKey(), server);
        urls.put(upstream.getKey(), server.url());
      }
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      try {
        output = hotPath.run(c.input(), new Upstreams(http, urls));
      } catch (Exception e) {
        throw new RecordingFailedException(
            "case '" + c.id() + "': the hot path failed while recording: " + e, e);
      }
      for (RecordingServer server : servers.values()) {
        served.put(server.upstream(), server.served());
        stubs.put(server.upstream(), server.stop());
      }
    } finally {
      servers.values().forEach(RecordingServer::close);
    }
    String golden;
    try {
      golden = CanonicalJson.canonicalise(output);
    } catch (JsonProcessingException e) {
      throw new RecordingFailedException(
          "case '" + c.id() + "': the hot path's output is not JSON: " + e.getOriginalMessage(), e);
    }
    return write(c, stubs, served, golden);
  }

  private Recorded write(
      CaseSpec c,
      Map<String, List<StubMapping>> stubs,
      Map<String, List<ServeEvent>> served,
      String golden)
      throws IOException, FixtureException, RecordingFailedException {
    Scrubber scrubber = new Scrubber(spec.record());
    Set<String> secrets = secretsSent(served, scrubber);
    for (String secret : secrets) {
      if (golden.contains(secret)) {
        throw new RecordingFailedException(
            "case '"
                + c.id()
                + "': the output contains a credential the hot path "
                + "sent; refusing to write a golden",
            null);
      }
    }
    Files.createDirectories(layout.fixtures());
    Path tmp = Files.createTempDirectory(layout.fixtures(), "." + c.id() + ".recording-");
    try {
      FixtureWriter writer = new FixtureWriter(tmp, scrubber, secrets);
      Map<String, Integer> calls = new TreeMap<>();
      for (var upstream : stubs.entrySet()) {
        List<ServeEvent> events = served.get(upstream.getKey());
        writer.write(upstream.getKey(), upstream.getValue(), stub -> hitsOf(stub, events));
        calls.put(upstream.getKey(), events.size());
      }
      TreeMap<String, SortedMap<String, Integer>> variantCalls = new TreeMap<>();
      Map<String, Set<String>> known = new TreeMap<>();
      stubs.forEach(
          (upstream, list) ->
              list.forEach(
                  m -> known.computeIfAbsent(upstream, u -> new HashSet<>()).add(requestKey(m))));
      for (int i = 0; i < variants.size(); i++) {
        Variant v = variants.get(i);
        variantCalls.put(v.label(), addVariant(c, v, "v" + (i + 1) + "-", known, golden, writer));
      }
      Manifest manifest =
          new Manifest(
              c.id(),
              Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
              "tuner-harness " + HarnessVersion.harness(),
              HarnessVersion.wiremock(),
              CanonicalJson.fromValue(c.input()),
              writer.stubs(),
              new TreeMap<>(calls),
              FixtureSet.hashFiles(tmp),
              variantCalls);
      Files.writeString(tmp.resolve("manifest.json"), JSON.writeValueAsString(manifest) + "\n");
      replaceDirectory(tmp, layout.caseFixtures(c.id()));
    } finally {
      deleteTree(tmp);
    }
    Goldens.write(layout.golden(c.id()), golden);
    Files.deleteIfExists(layout.received(c.id()));
    FixtureSet written = FixtureSet.load(layout, c.id());
    return new Recorded(
        c.id(),
        written.expectedCalls(),
        layout.caseFixtures(c.id()),
        layout.golden(c.id()),
        written.manifest().variants());
  }

  /**
   * Adds a variant's stubs for requests no stub written so far answers; returns the variant's
   * calls.
   *
   * @param known the {@link #requestKey}s of the stubs written so far, per upstream; the variant's
   *     are added
   */
  private SortedMap<String, Integer> addVariant(
      CaseSpec c,
      Variant v,
      String prefix,
      Map<String, Set<String>> known,
      String golden,
      FixtureWriter writer)
      throws IOException, FixtureException, RecordingFailedException {
    Path stagedGolden = v.staged().golden(c.id());
    if (!Files.exists(stagedGolden)) {
      throw new RecordingFailedException(
          "case '" + c.id() + "': no recording with " + v.label() + " at " + v.staged().root(),
          null);
    }
    List<Difference> differences =
        new JsonDiff(c.parity().tolerance(), c.parity().ignore())
            .compare(
                CanonicalJson.parse(golden), CanonicalJson.parse(Files.readString(stagedGolden)));
    if (!differences.isEmpty()) {
      throw new RecordingFailedException(
          "case '"
              + c.id()
              + "': with "
              + v.label()
              + " the output differs at "
              + differences.size()
              + " path(s), first "
              + differences.get(0)
              + "; a knob that changes the output"
              + " cannot be tuned",
          null);
    }
    FixtureSet staged = FixtureSet.load(v.staged(), c.id());
    Map<String, Integer> hits = staged.manifest().expectedHitsById();
    for (String upstream : staged.stubs().keySet()) {
      Set<String> answered = known.computeIfAbsent(upstream, u -> new HashSet<>());
      List<StubMapping> added = new ArrayList<>();
      Set<String> addedKeys = new HashSet<>();
      for (RecordedStub stub : staged.stubs(upstream)) {
        // Every copy of a repeated request (a scenario) is kept, so replay can answer each call.
        String key = requestKey(stub.mapping());
        if (!answered.contains(key)) {
          added.add(withInlineBody(stub, v.label()));
          addedKeys.add(key);
        }
      }
      answered.addAll(addedKeys);
      writer.writeVariant(
          v.label(), prefix, upstream, added, m -> hits.getOrDefault(m.getId().toString(), 1));
    }
    return staged.manifest().calls();
  }

  /**
   * What identifies a stub's request when recordings are merged: WireMock's JSON of its request
   * pattern.
   */
  private static String requestKey(StubMapping stub) {
    return Json.write(stub.getRequest());
  }

  /**
   * A copy of a staged stub with its body inline (the writer files it anew) and its scenario named
   * apart.
   */
  private static StubMapping withInlineBody(RecordedStub stub, String label) {
    StubMapping copy = StubMapping.buildFrom(Json.write(stub.mapping()));
    copy.setResponse(
        ResponseDefinitionBuilder.like(copy.getResponse())
            .but()
            .withBodyFile(null)
            .withBody(stub.body())
            .build());
    if (copy.isInScenario()) {
      copy.setScenarioName(label + " " + copy.getScenarioName());
    }
    return copy;
  }

  /** A stub in a scenario answered one call; any other answered every identical request. */
  private static int hitsOf(StubMapping stub, List<ServeEvent> events) {
    if (stub.isInScenario()) {
      return 1;
    }
    return (int)
        Math.max(
            1,
            events.stream()
                .filter(e -> stub.getRequest().match(e.getRequest()).isExactMatch())
                .count());
  }

  /**
   * The credential values the client sent, so no fixture can contain them even if an upstream
   * echoed one.
   */
  static Set<String> secretsSent(Map<String, List<ServeEvent>> served, Scrubber scrubber) {
    Set<String> secrets = new HashSet<>();
    served.values().stream()
        .flatMap(List::stream)
        .forEach(
            event -> {
              var request = event.getRequest();
              request.getHeaders().all().stream()
                  .filter(h -> scrubber.isSecretHeader(h.key()))
                  .forEach(
                      h ->
                          h.values()
                              .forEach(
                                  v -> {
                                    addSecret(secrets, v);
                                    int space = v.indexOf(' ');
                                    if (space > 0) {
                                      addSecret(secrets, v.substring(space + 1));
                                    }
                                  }));
              Scrubber.params(request.getUrl()).stream()
                  .filter(p -> scrubber.isSecretParam(p[0]))
                  .forEach(p -> addSecret(secrets, p[1]));
            });
    return secrets;
  }

  private static void addSecret(Set<String> secrets, String value) {
    if (value != null && value.trim().length() >= 6) {
      secrets.add(value.trim());
    }
  }

  /**
   * Puts {@code fresh} where {@code target} is, keeping the old one until the new one is in place.
   */
  private static void replaceDirectory(Path fresh, Path target) throws IOException {
    Path old = target.resolveSibling("." + target.getFileName() + ".old");
    deleteTree(old);
    if (Files.exists(target)) {
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(old);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(paths.toList());
      all.sort(Comparator.reverseOrder());
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    }
  }
}

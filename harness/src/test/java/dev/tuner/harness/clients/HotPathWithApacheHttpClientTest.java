package dev.tuner.harness.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.harness.ExitCode;
import dev.tuner.harness.HotPath;
import dev.tuner.harness.Upstreams;
import dev.tuner.harness.cli.HarnessMain;
import dev.tuner.harness.fixture.Layout;
import dev.tuner.harness.junit.ReplayCases;
import dev.tuner.harness.parity.CaseResult;
import dev.tuner.harness.parity.Failure;
import dev.tuner.harness.parity.ParityCheck;
import dev.tuner.harness.replay.TransportKind;
import dev.tuner.harness.spec.HarnessSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hot path whose HTTP client cannot be swapped (Apache HttpClient 5, given only base URLs) is
 * recorded through the harness's WireMock recorders, then replayed over the loopback transport with
 * the live upstream stopped.
 */
class HotPathWithApacheHttpClientTest {

  static final String CASE = "hello-world";

  @TempDir Path root;
  Path specFile;
  Layout layout;
  HarnessSpec spec;

  @BeforeEach
  void recordAgainstTheLiveUpstreamThenStopIt() throws Exception {
    layout = new Layout(root);
    try (LiveWordsAndCatalog live = new LiveWordsAndCatalog()) {
      specFile = writeSpec(live);
      Run record = harness("record", "--spec", specFile.toString());
      assertThat(record.code).as(record.toString()).isEqualTo(ExitCode.OK);
      assertThat(record.out).contains("recorded hello-world", "catalog=1 words=2");
      // Every call went through the recorders to the live services, with the token.
      assertThat(live.calls()).isEqualTo(Map.of("words", 2, "catalog", 1));
    }
    spec = HarnessSpec.load(specFile);
  }

  @Test
  void replaysOverLoopbackToItsGoldenWithEveryCallCountedPerUpstream() throws Exception {
    assertThat(Files.readString(layout.golden(CASE)))
        .contains("\"letters\" : 5", "\"word\" : \"world\"", "\"name\" : \"item-2\"");

    Run verify = harness("verify", "--spec", specFile.toString(), "--transport", "loopback");
    assertThat(verify.code).as(verify.toString()).isEqualTo(ExitCode.OK);
    assertThat(verify.out).containsPattern("PASS +hello-world +calls catalog=1 words=2 ");

    ParityCheck check =
        ParityCheck.builder(layout, spec, new ApacheHttpClientHotPath())
            .transport(TransportKind.LOOPBACK)
            .build();
    for (int run = 0; run < 3; run++) {
      CaseResult result = check.run(spec.findCase(CASE).orElseThrow());
      assertThat(result.failures()).isEmpty();
      assertThat(result.calls()).isEqualTo(Map.of("catalog", 1, "words", 2));
      assertThat(result.expectedCalls()).isEqualTo(result.calls());
    }
  }

  @Test
  void theSpecsTransportKeyChoosesLoopbackWhenNoFlagSaysOtherwise() throws Throwable {
    // Same case, same fixtures; only the spec now says benchmark.transport: loopback.
    Files.writeString(specFile, Files.readString(specFile) + "benchmark:\n  transport: loopback\n");

    Run verify = harness("verify", "--spec", specFile.toString());
    assertThat(verify.code).as(verify.toString()).isEqualTo(ExitCode.OK);

    List<DynamicTest> tests = ReplayCases.fromSpec(specFile).tests().toList();
    assertThat(tests).hasSize(1);
    for (DynamicTest test : tests) {
      test.getExecutable().execute();
    }
  }

  @Test
  void noCredentialReachesTheFixturesOrTheGolden() throws Exception {
    List<Path> written = new ArrayList<>();
    try (Stream<Path> files = Files.walk(layout.fixtures())) {
      files.filter(Files::isRegularFile).forEach(written::add);
    }
    written.add(layout.golden(CASE));
    assertThat(written).hasSizeGreaterThan(4);
    for (Path file : written) {
      assertThat(Files.readString(file))
          .as(file.toString())
          .doesNotContain(ApacheHttpClientHotPath.TOKEN, "Authorization", "X-Request-Id");
    }
  }

  @Test
  void underTheInProcessTransportItFailsNamingTheLoopbackTransportKey() throws Exception {
    Run verify = harness("verify", "--spec", specFile.toString());

    assertThat(verify.code).as(verify.toString()).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(verify.out)
        .contains(
            "the hot path threw java.net.UnknownHostException: replay.invalid",
            "its own HTTP client",
            "benchmark.transport: loopback",
            "--transport loopback");
  }

  @Test
  void aHotPathThatSwallowsTheFailureIsStillToldToUseLoopback() throws Exception {
    ApacheHttpClientHotPath apache = new ApacheHttpClientHotPath();
    HotPath swallowing =
        (input, upstreams) -> {
          try {
            return apache.run(input, upstreams);
          } catch (java.io.IOException e) {
            return "{\"counts\": [], \"catalog\": null}";
          }
        };
    CaseResult result =
        ParityCheck.builder(layout, spec, swallowing)
            .build()
            .run(spec.findCase(CASE).orElseThrow());

    assertThat(result.calls()).isEmpty();
    assertThat(result.failures())
        .filteredOn(f -> f.kind() == Failure.Kind.CALLS_CHANGED)
        .first()
        .extracting(Failure::message)
        .asString()
        .contains(
            "catalog: 0 call(s), recorded 1 (contract exact)",
            "no call reached the in-process client",
            "benchmark.transport: loopback");
  }

  @Test
  void aRequestTheFixturesDoNotHoldIsDiagnosedAsTheInProcessTransportDiagnosesIt()
      throws Exception {
    Failure loopback =
        unmatched(new ApacheHttpClientHotPath("1,3"), TransportKind.LOOPBACK, "catalog");
    Failure inProcess =
        unmatched(new JdkHttpClientTwin("1,3"), TransportKind.IN_PROCESS, "catalog");

    assertThat(loopback.message())
        .startsWith(
            "catalog: unmatched request GET /items?ids=1,3; closest stub: GET /items"
                + " (catalog/mappings/001-get-items.json")
        .isEqualTo(inProcess.message());
  }

  /** Replays the case with this hot path; returns its one unmatched request. */
  private Failure unmatched(HotPath hotPath, TransportKind transport, String upstream)
      throws Exception {
    CaseResult result =
        ParityCheck.builder(layout, spec, hotPath)
            .transport(transport)
            .build()
            .run(spec.findCase(CASE).orElseThrow());
    assertThat(result.passed()).isFalse();
    assertThat(result.calls()).containsEntry(upstream, 1).containsEntry("words", 2);
    List<Failure> unmatched =
        result.failures().stream().filter(f -> f.kind() == Failure.Kind.UNMATCHED_REQUEST).toList();
    assertThat(unmatched).as("%s: %s", transport, result.failures()).hasSize(1);
    return unmatched.get(0);
  }

  private Path writeSpec(LiveWordsAndCatalog live) throws Exception {
    return Files.writeString(
        root.resolve("tuner.yaml"),
        String.join(
            "\n",
            "target:",
            "  hotPath: " + ApacheHttpClientHotPath.class.getName(),
            "upstreams:",
            "  words: {url: " + live.url("words") + "}",
            "  catalog: {url: " + live.url("catalog") + "}",
            "cases:",
            "  - id: " + CASE,
            "    input: {text: hello world}",
            ""));
  }

  private static Run harness(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new HarnessMain(new PrintWriter(out, true), new PrintWriter(err, true), Map.of()).run(args);
    return new Run(code, out.toString(), err.toString());
  }

  private record Run(int code, String out, String err) {}

  /**
   * The same requests through {@link Upstreams#http()}, so the in-process transport can answer
   * them.
   */
  static final class JdkHttpClientTwin implements HotPath {
    private final String ids;

    JdkHttpClientTwin(String ids) {
      this.ids = ids;
    }

    @Override
    public String run(Map<String, Object> input, Upstreams upstreams) throws Exception {
      List<String> counts = new ArrayList<>();
      for (String word : ((String) input.get("text")).split(" ")) {
        counts.add(
            send(
                upstreams,
                HttpRequest.newBuilder(URI.create(upstreams.baseUrl("words") + "/v1/count"))
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"word\":\"" + word + "\"}"))));
      }
      String items =
          send(
              upstreams,
              HttpRequest.newBuilder(URI.create(upstreams.baseUrl("catalog") + "/items?ids=" + ids))
                  .GET());
      return "{\"counts\": " + counts + ", \"catalog\": " + items + "}";
    }

    private static String send(Upstreams upstreams, HttpRequest.Builder request) throws Exception {
      HttpResponse<String> response =
          upstreams
              .http()
              .send(
                  request
                      .header("Authorization", "Bearer " + ApacheHttpClientHotPath.TOKEN)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return response.body();
    }
  }
}

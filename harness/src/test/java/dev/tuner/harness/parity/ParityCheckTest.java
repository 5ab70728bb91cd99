package dev.tuner.harness.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.harness.HotPath;
import dev.tuner.harness.SampleHotPath;
import dev.tuner.harness.SampleRecording;
import dev.tuner.harness.Upstreams;
import dev.tuner.harness.fixture.FixtureException;
import dev.tuner.harness.fixture.Layout;
import dev.tuner.harness.golden.CanonicalJson;
import dev.tuner.harness.replay.TransportKind;
import dev.tuner.harness.spec.CaseSpec;
import dev.tuner.harness.spec.Contract;
import dev.tuner.harness.spec.HarnessSpec;
import dev.tuner.harness.spec.ParitySpec;
import java.io.IOException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ParityCheckTest {

  static final CaseSpec HELLO = SampleRecording.hello();

  @TempDir Path root;
  Layout layout;
  Path golden;
  Path received;

  @BeforeEach
  void copyTheSampleRecording() {
    layout = SampleRecording.copyTo(root);
    golden = layout.golden(SampleRecording.CASE);
    received = layout.received(SampleRecording.CASE);
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aCaseWhoseOutputEqualsItsGoldenPasses(TransportKind transport) throws Exception {
    CaseResult result =
        ParityCheck.builder(layout, SampleRecording.spec(), new SampleHotPath())
            .transport(transport)
            .build()
            .run(HELLO);

    assertThat(result.passed()).isTrue();
    assertThat(result.failures()).isEmpty();
    assertThat(result.caseId()).isEqualTo("hello");
    assertThat(result.calls()).isEqualTo(Map.of("catalog", 1, "words", 2));
    assertThat(result.expectedCalls()).isEqualTo(Map.of("catalog", 1, "words", 2));
    assertThat(result.goldenUpdated()).isFalse();
    assertThat(received).doesNotExist();
  }

  @Test
  void aPassRemovesTheReceivedFileOfAnEarlierMismatch() throws Exception {
    Files.writeString(received, "{\"stale\": true}\n");

    assertThat(check(returning(SampleRecording.OUTPUT)).run(HELLO).passed()).isTrue();
    assertThat(received).doesNotExist();
  }

  @Test
  void aDifferingOutputFailsNamingTheJsonPathAndWritesTheReceivedFile() throws Exception {
    String goldenBefore = Files.readString(golden);
    String output = SampleRecording.OUTPUT.replace("\"count\": 2", "\"count\": 3");

    CaseResult result = check(returning(output)).run(HELLO);

    assertThat(result.passed()).isFalse();
    assertThat(result.failures())
        .extracting(Failure::kind)
        .containsExactly(Failure.Kind.OUTPUT_MISMATCH);
    assertThat(result.failures().get(0).message())
        .isEqualTo(
            "output differs from "
                + golden
                + " at 1 path(s) (received: "
                + received
                + "):\n    $.second.count: expected 2, got 3");
    assertThat(received).hasContent(CanonicalJson.canonicalise(output));
    assertThat(received.getFileName()).hasToString("hello.received.json");
    assertThat(golden).hasContent(goldenBefore);
    assertThat(result.goldenUpdated()).isFalse();
  }

  @Test
  void aLongListOfDifferencesShowsTheFirstTenAndCountsTheRest() throws Exception {
    StringBuilder output = new StringBuilder(SampleRecording.OUTPUT);
    output.setLength(output.length() - 1);
    for (int i = 10; i < 22; i++) {
      output.append(", \"extra").append(i).append("\": ").append(i);
    }
    output.append('}');

    String message = check(returning(output.toString())).run(HELLO).failures().get(0).message();

    assertThat(message).contains("at 12 path(s)", "$.extra10:", "$.extra19:");
    assertThat(message).doesNotContain("$.extra20:", "$.extra21:");
    assertThat(message).endsWith("\n    ... and 2 more");
    assertThat(message.lines().filter(l -> l.startsWith("    $."))).hasSize(10);
  }

  @Test
  void toleranceAndIgnoredPathsOfTheCaseAreHonoured() throws Exception {
    CaseSpec lenient =
        new CaseSpec(
            "hello", null, Map.of("text", "hello"), null, new ParitySpec(0.01, List.of("$.text")));
    String output =
        SampleRecording.OUTPUT
            .replace("\"count\": 2", "\"count\": 2.005")
            .replace("\"hello\"}", "\"HELLO\"}");

    assertThat(check(returning(output)).run(lenient).failures()).isEmpty();
    assertThat(check(returning(output)).run(HELLO).failures().get(0).message())
        .contains("at 2 path(s)", "$.second.count", "$.text");
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aHotPathWhoseCallsNeverReachTheHarnessIsPointedAtLoopbackOnlyUnderInProcess(
      TransportKind transport) throws Exception {
    HotPath ownClientSwallowingItsFailure = (input, upstreams) -> SampleRecording.OUTPUT;

    CaseResult result =
        ParityCheck.builder(layout, SampleRecording.spec(), ownClientSwallowingItsFailure)
            .transport(transport)
            .build()
            .run(HELLO);

    List<String> advised =
        result.failures().stream()
            .map(Failure::message)
            .filter(m -> m.contains("benchmark.transport: loopback"))
            .toList();
    if (transport == TransportKind.IN_PROCESS) {
      assertThat(advised)
          .singleElement()
          .asString()
          .startsWith(
              "catalog: 0 call(s), recorded 1 (contract exact)\n"
                  + "    no call reached the in-process client; if the hot path sends with an HTTP"
                  + " client of its own, replay it over loopback");
    } else {
      assertThat(advised).isEmpty();
    }
  }

  @Test
  void aFailureToResolveTheInProcessHostIsExplainedOnlyUnderInProcess() throws Exception {
    HotPath ownClient =
        (input, upstreams) -> {
          throw new java.io.IOException(
              "wrapped", new java.net.UnknownHostException(upstreams.baseUrl("words").getHost()));
        };
    for (TransportKind transport : TransportKind.values()) {
      CaseResult result =
          ParityCheck.builder(layout, SampleRecording.spec(), ownClient)
              .transport(transport)
              .build()
              .run(HELLO);
      String thrown =
          result.failures().stream()
              .filter(f -> f.kind() == Failure.Kind.HOT_PATH_FAILED)
              .findFirst()
              .orElseThrow()
              .message();
      if (transport == TransportKind.IN_PROCESS) {
        assertThat(thrown)
            .isEqualTo(
                "the hot path threw java.io.IOException: wrapped\n"
                    + "    it sent a request to replay.invalid with its own HTTP client instead of"
                    + " Upstreams.http(), the only client the in-process transport answers;\n"
                    + "    replay it over loopback (WireMock on 127.0.0.1): set benchmark.transport:"
                    + " loopback in tuner.yaml, or run tuner verify --transport loopback");
      } else {
        assertThat(thrown).isEqualTo("the hot path threw java.io.IOException: wrapped");
      }
    }
  }

  @Test
  void anOutputThatIsNotJsonIsAHotPathFailure() throws Exception {
    CaseResult result = check(returning("count: 1")).run(HELLO);

    assertThat(result.failures())
        .extracting(Failure::kind)
        .containsExactly(Failure.Kind.HOT_PATH_FAILED);
    assertThat(result.failures().get(0).message())
        .startsWith("the hot path's output is not JSON: ");
    assertThat(received).doesNotExist();
  }

  @Test
  void aMissingGoldenFailsAndLeavesTheOutputToApprove() throws Exception {
    Files.delete(golden);

    CaseResult result = check(new SampleHotPath()).run(HELLO);

    assertThat(result.failures()).extracting(Failure::kind).containsExactly(Failure.Kind.NO_GOLDEN);
    assertThat(result.failures().get(0).message())
        .isEqualTo(
            "no golden at "
                + golden
                + "; the output is in "
                + received
                + " (approve it with: tuner verify --case hello --update)");
    assertThat(received).hasContent(CanonicalJson.canonicalise(SampleRecording.OUTPUT));
    assertThat(golden).doesNotExist();
  }

  @Test
  void approvingADifferentOutputMakesItTheGolden() throws Exception {
    Files.writeString(received, "{\"stale\": true}\n");
    String output = SampleRecording.OUTPUT.replace("\"count\": 2", "\"count\": 3");

    CaseResult result =
        ParityCheck.builder(layout, SampleRecording.spec(), returning(output))
            .approve(true)
            .build()
            .run(HELLO);

    assertThat(result.passed()).isTrue();
    assertThat(result.goldenUpdated()).isTrue();
    assertThat(golden).hasContent(CanonicalJson.canonicalise(output));
    assertThat(received).doesNotExist();
  }

  @Test
  void approvingWithoutAGoldenWritesOneAndApprovingAnEqualOutputChangesNothing() throws Exception {
    Files.delete(golden);
    ParityCheck approving =
        ParityCheck.builder(layout, SampleRecording.spec(), new SampleHotPath())
            .approve(true)
            .build();

    CaseResult first = approving.run(HELLO);
    CaseResult second = approving.run(HELLO);

    assertThat(first.goldenUpdated()).isTrue();
    assertThat(golden).hasContent(CanonicalJson.canonicalise(SampleRecording.OUTPUT));
    assertThat(second.goldenUpdated()).isFalse();
    assertThat(second.passed()).isTrue();
  }

  @Test
  void aCorruptGoldenIsAFixtureErrorNamingTheFile() throws Exception {
    Files.writeString(golden, "{\"count\": ");

    assertThatThrownBy(() -> check(new SampleHotPath()).run(HELLO))
        .isInstanceOf(FixtureException.class)
        .hasMessageStartingWith(golden + ": not valid JSON: ");
  }

  @Test
  void aMissingRecordingIsAFixtureErrorNamingTheManifest() throws Exception {
    Files.delete(layout.manifest("hello"));

    assertThatThrownBy(() -> check(new SampleHotPath()).run(HELLO))
        .isInstanceOf(FixtureException.class)
        .hasMessage(
            layout.manifest("hello")
                + ": no recording for case 'hello'; run: tuner record --case hello");
  }

  @Test
  void aHotPathThatThrowsFailsWithWhatItThrew() throws Exception {
    HotPath throwing =
        (input, upstreams) -> {
          new SampleHotPath().run(input, upstreams);
          throw new IllegalStateException("ranking model not loaded");
        };

    CaseResult result = check(throwing).run(HELLO);

    assertThat(result.failures())
        .containsExactly(
            new Failure(
                Failure.Kind.HOT_PATH_FAILED,
                "the hot path threw java.lang.IllegalStateException: ranking model not loaded"));
    assertThat(result.calls()).isEqualTo(Map.of("catalog", 1, "words", 2));
    assertThat(received).doesNotExist();
  }

  @Test
  void aHotPathThatOverflowsItsStackFailsLikeOneThatThrows() throws Exception {
    HotPath recursing =
        (input, upstreams) -> {
          new SampleHotPath().run(input, upstreams);
          throw new StackOverflowError();
        };

    assertThat(check(recursing).run(HELLO).failures())
        .extracting(Failure::kind)
        .containsExactly(Failure.Kind.HOT_PATH_FAILED);
  }

  @Test
  void anUnmatchedRequestFailsTheCaseEvenWhenTheHotPathSwallowsIt() throws Exception {
    HotPath swallowing =
        (input, upstreams) -> {
          String output = new SampleHotPath().run(input, upstreams);
          try {
            get(upstreams, "catalog", "/items?ids=9");
          } catch (IOException ignored) {
            // a hot path with a fallback
          }
          return output;
        };

    CaseResult result = check(swallowing, Contract.FREE).run(HELLO);

    assertThat(result.failures())
        .containsExactly(
            new Failure(
                Failure.Kind.UNMATCHED_REQUEST,
                "catalog: unmatched request GET /items?ids=9; closest stub: GET /items"
                    + " (catalog/mappings/001-get-items.json, headers or query differ)"));
  }

  @Test
  void aTamperedBodyFailsNamingTheFileAndTheCaseStillReplays() throws Exception {
    Path body = layout.caseFixtures("hello").resolve(SampleRecording.CATALOG_BODY);
    Files.writeString(body, Files.readString(body).replace("xxxx", "yyyy"));

    CaseResult result = check(new SampleHotPath()).run(HELLO);

    assertThat(result.failures())
        .containsExactly(
            new Failure(
                Failure.Kind.FIXTURE_TAMPERED,
                "fixture file changed since recording (sha256 differs from manifest): " + body));
    assertThat(result.calls()).isEqualTo(Map.of("catalog", 1, "words", 2));
  }

  @Test
  void aCaseInputChangedSinceRecordingIsAStaleRecording() throws Exception {
    CaseSpec changed = new CaseSpec("hello", null, Map.of("text", "hello", "limit", 5), null, null);

    CaseResult result = check(new SampleHotPath()).run(changed);

    assertThat(result.failures())
        .containsExactly(
            new Failure(
                Failure.Kind.STALE_RECORDING,
                "the case input in the spec changed since recording; run: tuner record --case"
                    + " hello"));
  }

  static Stream<Arguments> contracts() {
    List<Arguments> rows = new ArrayList<>();
    for (TransportKind transport : TransportKind.values()) {
      rows.add(Arguments.of(transport, Contract.EXACT, 1, List.of()));
      rows.add(
          Arguments.of(
              transport,
              Contract.EXACT,
              0,
              List.of(
                  "catalog: 0 call(s), recorded 1 (contract exact)",
                  "catalog: stub never used: GET /items (catalog/mappings/001-get-items.json)")));
      rows.add(
          Arguments.of(
              transport,
              Contract.EXACT,
              2,
              List.of("catalog: 2 call(s), recorded 1 (contract exact)")));
      rows.add(Arguments.of(transport, Contract.NO_INCREASE, 0, List.of()));
      rows.add(
          Arguments.of(
              transport,
              Contract.NO_INCREASE,
              2,
              List.of("catalog: 2 call(s), recorded 1 (contract no-increase)")));
      rows.add(Arguments.of(transport, Contract.FREE, 0, List.of()));
      rows.add(Arguments.of(transport, Contract.FREE, 3, List.of()));
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}: {1} with {2} catalog call(s)")
  @MethodSource("contracts")
  void callCountsAreCheckedAgainstTheManifestUnderTheUpstreamsContract(
      TransportKind transport, Contract contract, int catalogCalls, List<String> failures)
      throws Exception {
    CaseResult result =
        ParityCheck.builder(layout, SampleRecording.spec(contract), callingCatalog(catalogCalls))
            .transport(transport)
            .build()
            .run(HELLO);

    assertThat(result.failures()).extracting(Failure::message).containsExactlyElementsOf(failures);
    assertThat(result.failures()).allSatisfy(f -> assertThat(f.kind().isAboutCalls()).isTrue());
    // An upstream that was never called has no entry, as in the ledger.
    assertThat(result.calls().getOrDefault("catalog", 0)).isEqualTo(catalogCalls);
    assertThat(result.expectedCalls()).containsEntry("catalog", 1);
  }

  @Test
  void aCasesOwnContractOverridesTheSpecsDefault() throws Exception {
    HarnessSpec exact = SampleRecording.spec(Contract.EXACT);
    CaseSpec relaxed =
        new CaseSpec(
            "hello", null, Map.of("text", "hello"), Map.of("catalog", Contract.NO_INCREASE), null);

    assertThat(
            ParityCheck.builder(layout, exact, callingCatalog(0)).build().run(relaxed).failures())
        .isEmpty();
    assertThat(ParityCheck.builder(layout, exact, callingCatalog(0)).build().run(HELLO).failures())
        .extracting(Failure::kind)
        .containsExactly(Failure.Kind.CALLS_CHANGED, Failure.Kind.UNUSED_STUB);
  }

  @Test
  void theBuildersContractsOverrideTheSpecs() throws Exception {
    List<String> asked = new ArrayList<>();

    CaseResult result =
        ParityCheck.builder(layout, SampleRecording.spec(Contract.EXACT), callingCatalog(0))
            .contracts(
                (c, upstream) -> {
                  asked.add(c.id() + "/" + upstream);
                  return Contract.FREE;
                })
            .build()
            .run(HELLO);

    assertThat(result.failures()).isEmpty();
    assertThat(asked).containsExactlyInAnyOrder("hello/catalog", "hello/words");
  }

  @Test
  void aVariantsStubIsNotRequiredUnderAnExactContract() throws Exception {
    Path manifest = layout.manifest("hello");
    String text = Files.readString(manifest);
    String catalogStub = "\"mapping\" : \"catalog/mappings/001-get-items.json\",\n    \"hits\" : 1";
    assertThat(text).contains(catalogStub);
    Files.writeString(
        manifest, text.replace(catalogStub, catalogStub + ",\n    \"variant\" : \"batch=3\""));

    CaseResult result = check(callingCatalog(0)).run(HELLO);

    assertThat(result.failures())
        .extracting(Failure::message)
        .containsExactly("catalog: 0 call(s), recorded 1 (contract exact)");
  }

  @Test
  void aRepeatedRequestBeyondTheRecordingGetsTheSameVerdictOnBothTransports() throws Exception {
    HotPath countingThrice =
        (input, upstreams) -> {
          String output = new SampleHotPath().run(input, upstreams);
          post(upstreams, "words", "/v1/count", "{\"text\": \"hello\"}");
          return output;
        };
    HarnessSpec free = SampleRecording.spec(Contract.FREE);

    List<Failure.Kind> inProcess =
        ParityCheck.builder(layout, free, countingThrice).build().run(HELLO).failures().stream()
            .map(Failure::kind)
            .toList();
    List<Failure.Kind> loopback =
        ParityCheck.builder(layout, free, countingThrice)
            .transport(TransportKind.LOOPBACK)
            .build()
            .run(HELLO)
            .failures()
            .stream()
            .map(Failure::kind)
            .toList();

    assertThat(inProcess).isEqualTo(loopback);
  }

  static Stream<Arguments> repeatsBeyondTheRecording() {
    return Stream.of(
        Arguments.of(Contract.EXACT, List.of("words: 3 call(s), recorded 2 (contract exact)")),
        Arguments.of(
            Contract.NO_INCREASE, List.of("words: 3 call(s), recorded 2 (contract no-increase)")),
        Arguments.of(Contract.FREE, List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("repeatsBeyondTheRecording")
  void aRepeatBeyondTheRecordingIsJudgedByTheContractAloneOnBothTransports(
      Contract contract, List<String> failures) throws Exception {
    HotPath countingThrice =
        (input, upstreams) -> {
          String output = new SampleHotPath().run(input, upstreams);
          post(upstreams, "words", "/v1/count", "{\"text\": \"hello\"}");
          return output;
        };

    for (TransportKind transport : TransportKind.values()) {
      CaseResult result =
          ParityCheck.builder(layout, SampleRecording.spec(contract), countingThrice)
              .transport(transport)
              .build()
              .run(HELLO);

      assertThat(result.failures())
          .as("%s", transport)
          .extracting(Failure::message)
          .containsExactlyElementsOf(failures);
      assertThat(result.failures())
          .allSatisfy(f -> assertThat(f.kind()).isEqualTo(Failure.Kind.CALLS_CHANGED));
      assertThat(result.calls()).as("%s", transport).containsEntry("words", 3);
    }
  }

  private ParityCheck check(HotPath hotPath) {
    return ParityCheck.builder(layout, SampleRecording.spec(), hotPath).build();
  }

  private ParityCheck check(HotPath hotPath, Contract contract) {
    return ParityCheck.builder(layout, SampleRecording.spec(contract), hotPath).build();
  }

  private static HotPath returning(String output) {
    return (input, upstreams) -> {
      new SampleHotPath().run(input, upstreams);
      return output;
    };
  }

  /**
   * The sample's two calls to {@code words}, then {@code times} calls to {@code catalog}: the
   * recorded one first, the others with a trace parameter that the recorded stub's query matcher
   * lets through; the output is the golden whatever the calls.
   */
  private static HotPath callingCatalog(int times) {
    return (input, upstreams) -> {
      post(upstreams, "words", "/v1/count", "{\"text\": \"hello\"}");
      post(upstreams, "words", "/v1/count", "{\"text\": \"hello\"}");
      for (int i = 0; i < times; i++) {
        get(upstreams, "catalog", "/items?ids=1,2" + (i == 0 ? "" : "&trace=" + i));
      }
      return SampleRecording.OUTPUT;
    };
  }

  private static String post(Upstreams upstreams, String upstream, String path, String body)
      throws IOException, InterruptedException {
    return send(
        upstreams,
        HttpRequest.newBuilder(URI.create(upstreams.baseUrl(upstream) + path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static String get(Upstreams upstreams, String upstream, String pathAndQuery)
      throws IOException, InterruptedException {
    return send(
        upstreams,
        HttpRequest.newBuilder(URI.create(upstreams.baseUrl(upstream) + pathAndQuery)).build());
  }

  private static String send(Upstreams upstreams, HttpRequest request)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        upstreams.http().send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(request.uri() + " answered " + response.statusCode());
    }
    return response.body();
  }
}

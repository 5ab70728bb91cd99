package dev.tuner.harness.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.harness.HotPaths;
import dev.tuner.harness.fixture.FixtureException;
import dev.tuner.harness.fixture.Layout;
import dev.tuner.harness.parity.CaseResult;
import dev.tuner.harness.parity.Failure;
import dev.tuner.harness.parity.ParityCheck;
import dev.tuner.harness.replay.TransportKind;
import dev.tuner.harness.spec.HarnessSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordAndReplayTest {

  @TempDir Path root;
  Layout layout;
  HarnessSpec spec;

  @BeforeEach
  void record() throws Exception {
    layout = new Layout(root);
    try (var live = new dev.tuner.harness.LiveUpstreams()) {
      spec = HarnessSpec.load(live.writeSpec(root));
      Recorder recorder = new Recorder(layout, spec, HotPaths.load(spec.target().hotPath()));
      for (var c : spec.cases()) {
        recorder.record(c);
      }
    }
  }

  @Test
  void recordingWritesWireMockMappingsManifestAndCanonicalGolden() throws Exception {
    Path dir = layout.caseFixtures("hello");
    assertThat(dir.resolve("manifest.json")).exists();
    try (Stream<Path> files = Files.list(dir.resolve("words/mappings"))) {
      assertThat(files).hasSize(2);
    }
    assertThat(dir.resolve("catalog/__files")).isDirectory();
    assertThat(Files.readString(layout.golden("hello")))
        .isEqualTo(
            "{\n  \"catalogLength\" : 5013,\n  \"first\" : {\n    \"count\" : 1\n  },\n"
                + "  \"second\" : {\n    \"count\" : 2\n  },\n  \"text\" : \"hello\"\n}\n");
    String manifest = Files.readString(layout.manifest("hello"));
    assertThat(manifest).contains("\"words\" : 2", "\"catalog\" : 1", "\"wiremock\" : \"3.");
  }

  @Test
  void noSecretOrVolatileHeaderReachesDisk() throws Exception {
    try (Stream<Path> files = Files.walk(root.resolve("fixtures"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(file);
        assertThat(text)
            .as(file.toString())
            .doesNotContain(
                "sample-secret-token-42",
                "Authorization",
                "Set-Cookie",
                "session=",
                "X-Request-Id",
                "Mon, 01 Jan 2024");
      }
    }
    assertThat(Files.readString(layout.golden("hello"))).doesNotContain("sample-secret-token-42");
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void replayPassesWithNoNetworkOnBothTransports(TransportKind transport) throws Exception {
    ParityCheck check = check(transport);
    for (var c : spec.cases()) {
      CaseResult result = check.run(c);
      assertThat(result.failures()).as(c.id()).isEmpty();
      assertThat(result.calls()).containsEntry("words", 2).containsEntry("catalog", 1);
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aChangedGoldenNumberFailsNamingThePath(TransportKind transport) throws Exception {
    Path golden = layout.golden("hello");
    Files.writeString(golden, Files.readString(golden).replace("\"count\" : 2", "\"count\" : 3"));
    CaseResult result = check(transport).run(spec.findCase("hello").orElseThrow());
    assertThat(result.failures())
        .extracting(Failure::kind)
        .containsExactly(Failure.Kind.OUTPUT_MISMATCH);
    assertThat(result.failures().get(0).message()).contains("$.second.count: expected 3, got 2");
    assertThat(layout.received("hello")).exists();
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aDeletedMappingFailsNamingTheUnmatchedRequest(TransportKind transport) throws Exception {
    Path mapping;
    try (Stream<Path> files =
        Files.list(layout.caseFixtures("hello").resolve("catalog/mappings"))) {
      mapping = files.findFirst().orElseThrow();
    }
    Files.delete(mapping);
    CaseResult result = check(transport).run(spec.findCase("hello").orElseThrow());
    assertThat(result.failures())
        .extracting(Failure::message)
        .anySatisfy(m -> assertThat(m).contains("catalog: unmatched request GET /items?ids=1,2"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains("fixture file missing")
                    .contains(mapping.getFileName().toString()));
  }

  @Test
  void anEditedFixtureBodyFailsNamingTheFile() throws Exception {
    Path body;
    try (Stream<Path> files = Files.list(layout.caseFixtures("hello").resolve("catalog/__files"))) {
      body = files.findFirst().orElseThrow();
    }
    Files.writeString(body, Files.readString(body).replace("xxxx", "yyyy"));
    CaseResult result = check(TransportKind.IN_PROCESS).run(spec.findCase("hello").orElseThrow());
    assertThat(result.failures())
        .extracting(Failure::message)
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains("changed since recording")
                    .contains(body.getFileName().toString()));
  }

  @Test
  void aCorruptMappingIsAFixtureErrorNamingTheFile() throws Exception {
    Path mapping;
    try (Stream<Path> files = Files.list(layout.caseFixtures("hello").resolve("words/mappings"))) {
      mapping = files.sorted().findFirst().orElseThrow();
    }
    Files.writeString(mapping, "{ not json");
    assertThatThrownBy(
            () -> check(TransportKind.IN_PROCESS).run(spec.findCase("hello").orElseThrow()))
        .isInstanceOf(FixtureException.class)
        .hasMessageContaining(mapping.toString());
  }

  @Test
  void anUnreachableUpstreamFailsBeforeAnythingIsWritten() throws Exception {
    Path before = layout.manifest("hello");
    String manifest = Files.readString(before);
    HarnessSpec dead;
    try (var live = new dev.tuner.harness.LiveUpstreams()) {
      dead = HarnessSpec.load(live.writeSpec(root));
    }
    // The server is stopped now, so its port refuses connections.
    Recorder recorder = new Recorder(layout, dead, HotPaths.load(dead.target().hotPath()));
    assertThatThrownBy(() -> recorder.record(dead.cases().get(0)))
        .isInstanceOf(UpstreamUnreachableException.class)
        .hasMessageContaining("upstream 'catalog' is unreachable at http://127.0.0.1:");
    assertThat(Files.readString(before)).isEqualTo(manifest);
    try (Stream<Path> files = Files.list(layout.fixtures())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("hello", "held");
    }
  }

  private ParityCheck check(TransportKind transport) {
    return ParityCheck.builder(layout, spec, HotPaths.load(spec.target().hotPath()))
        .transport(transport)
        .build();
  }
}

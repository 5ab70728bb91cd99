package dev.tuner.harness.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.harness.BatchingHotPath;
import dev.tuner.harness.HotPaths;
import dev.tuner.harness.LiveUpstreams;
import dev.tuner.harness.fixture.FixtureSet;
import dev.tuner.harness.fixture.Layout;
import dev.tuner.harness.parity.CaseResult;
import dev.tuner.harness.parity.Failure;
import dev.tuner.harness.parity.ParityCheck;
import dev.tuner.harness.spec.CaseSpec;
import dev.tuner.harness.spec.Contract;
import dev.tuner.harness.spec.HarnessSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A knob that changes calls (a batch size) is recorded with its other values too: their requests
 * join the fixtures as stubs of their own, which a relaxed contract can replay and an exact one
 * never counts on.
 */
class RecordVariantsTest {

  @TempDir Path root;
  Layout layout;
  HarnessSpec spec;
  CaseSpec hello;
  LiveUpstreams live;

  @BeforeEach
  void recordBatchSizeTwoWithThreeAsAVariant() throws Exception {
    live = new LiveUpstreams();
    Files.writeString(
        root.resolve("tuner.yaml"),
        String.join(
            "\n",
            "target: {hotPath: " + BatchingHotPath.class.getName() + "}",
            "upstreams:",
            "  catalog: {url: " + live.url("catalog") + "}",
            "cases:",
            "  - {id: hello, input: {text: hello}}",
            ""));
    spec = HarnessSpec.load(root.resolve("tuner.yaml"));
    hello = spec.findCase("hello").orElseThrow();
    layout = new Layout(root);
    record(2, "", List.of(stage(3, "")));
  }

  @AfterEach
  void reset() {
    live.close();
    BatchingHotPath.batchSize = 2;
    BatchingHotPath.outputSalt = "";
  }

  @Test
  void theVariantsRequestsJoinTheRecordingUnderItsLabel() throws Exception {
    FixtureSet fixtures = FixtureSet.load(layout, "hello");
    assertThat(fixtures.expectedCalls()).containsEntry("catalog", 3);
    assertThat(fixtures.manifest().variants()).isEqualTo(Map.of("batch=3", Map.of("catalog", 2)));
    assertThat(fixtures.manifest().stubs())
        .filteredOn(s -> !s.promised())
        .hasSize(2)
        .allSatisfy(
            s -> {
              assertThat(s.variant()).isEqualTo("batch=3");
              assertThat(s.mapping()).startsWith("catalog/mappings/v1-");
            });
    assertThat(fixtures.tampered()).isEmpty();
    try (Stream<Path> files = Files.walk(layout.caseFixtures("hello"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file))
            .as(file.toString())
            .doesNotContain("sample-secret-token-42");
      }
    }
  }

  @Test
  void theRecordedValueReplaysUnderExactContractsWithoutTheVariantsStubs() throws Exception {
    CaseResult result = check(Contract.EXACT).run(hello);
    assertThat(result.failures()).isEmpty();
    assertThat(result.calls()).containsEntry("catalog", 3);
  }

  @Test
  void theOtherValueFailsAnExactContractAndPassesARelaxedOne() throws Exception {
    BatchingHotPath.batchSize = 3;
    assertThat(check(Contract.EXACT).run(hello).failures())
        .extracting(Failure::kind)
        .contains(Failure.Kind.CALLS_CHANGED, Failure.Kind.UNUSED_STUB);
    CaseResult relaxed = check(Contract.NO_INCREASE).run(hello);
    assertThat(relaxed.failures()).isEmpty();
    assertThat(relaxed.calls()).containsEntry("catalog", 2);
  }

  @Test
  void aValueNeverRecordedIsUnmatchedEvenWhenCallsAreFree() throws Exception {
    BatchingHotPath.batchSize = 1;
    assertThat(check(Contract.FREE).run(hello).failures())
        .extracting(Failure::message)
        .anySatisfy(m -> assertThat(m).contains("catalog: unmatched request GET /items?ids=1"));
  }

  @Test
  void aVariantWithAnotherOutputFailsTheRecordingAndLeavesThePreviousOneIntact() throws Exception {
    String manifest = Files.readString(layout.manifest("hello"));
    Layout salted = stage(3, "!");
    assertThatThrownBy(() -> record(2, "", List.of(salted)))
        .isInstanceOf(RecordingFailedException.class)
        .hasMessageContaining("case 'hello': with batch=3 the output differs at 1 path(s)")
        .hasMessageContaining("$.text");
    assertThat(Files.readString(layout.manifest("hello"))).isEqualTo(manifest);
  }

  private ParityCheck check(Contract contract) throws Exception {
    return ParityCheck.builder(layout, spec, HotPaths.load(spec.target().hotPath()))
        .contracts((c, upstream) -> contract)
        .build();
  }

  /**
   * Records the case with another batch size into a staging layout, as tuner record does in a fork.
   */
  private Layout stage(int batchSize, String salt) throws Exception {
    Layout staged = new Layout(Files.createTempDirectory(root, "stage-"));
    record(batchSize, salt, List.of(), staged);
    return staged;
  }

  private void record(int batchSize, String salt, List<Layout> variants) throws Exception {
    record(batchSize, salt, variants, layout);
  }

  private void record(int batchSize, String salt, List<Layout> variants, Layout into)
      throws Exception {
    BatchingHotPath.batchSize = batchSize;
    BatchingHotPath.outputSalt = salt;
    List<Recorder.Variant> labelled =
        variants.stream().map(v -> new Recorder.Variant("batch=3", v)).toList();
    new Recorder(into, spec, HotPaths.load(spec.target().hotPath()), labelled).record(hello);
  }
}

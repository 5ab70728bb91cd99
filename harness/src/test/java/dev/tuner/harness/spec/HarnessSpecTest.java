package dev.tuner.harness.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarnessSpecTest {

  @TempDir Path dir;

  private static final String VALID =
      String.join(
          "\n",
          "target:",
          "  hotPath: com.example.Hot",
          "upstreams:",
          "  search: {url: 'http://127.0.0.1:9/search'}",
          "contracts:",
          "  search: no-increase",
          "cases:",
          "  - id: one",
          "    input: {theme: AI, topN: 5}",
          "  - id: two",
          "    split: holdout",
          "    contracts: {search: free}",
          "    parity: {tolerance: 0.001, ignore: ['$.generatedAt']}",
          "optimize: {ignored: 'by the harness view'}",
          "");

  @Test
  void readsCasesContractsAndParitySettings() throws Exception {
    HarnessSpec spec = HarnessSpec.load(write(VALID));
    assertThat(spec.cases()).extracting(CaseSpec::id).containsExactly("one", "two");
    assertThat(spec.cases().get(0).split()).isEqualTo(Split.TUNE);
    assertThat(spec.cases().get(1).split()).isEqualTo(Split.HOLDOUT);
    assertThat(spec.cases().get(0).input()).containsEntry("theme", "AI").containsEntry("topN", 5);
    assertThat(spec.contract(spec.cases().get(0), "search")).isEqualTo(Contract.NO_INCREASE);
    assertThat(spec.contract(spec.cases().get(1), "search")).isEqualTo(Contract.FREE);
    assertThat(spec.cases().get(1).parity().ignore()).containsExactly("$.generatedAt");
    assertThat(spec.record().secretHeaders()).contains("authorization", "cookie");
  }

  @Test
  void aBadEnumValueNamesTheLineKeyAndChoices() throws Exception {
    Path file = write(VALID.replace("split: holdout", "split: later"));
    assertThatThrownBy(() -> HarnessSpec.load(file))
        .isInstanceOf(SpecException.class)
        .hasMessage(file + ":11: cases[1].split: 'later' is not one of [tune, holdout]");
  }

  @Test
  void anUnknownKeyInsideASectionIsAnErrorWithItsLine() throws Exception {
    Path file = write(VALID.replace("    input: {theme: AI, topN: 5}", "    inputs: {theme: AI}"));
    assertThatThrownBy(() -> HarnessSpec.load(file))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith(file + ":9: cases[0].inputs: unknown key; expected one of:")
        .hasMessageContaining("input");
  }

  @Test
  void aDuplicateCaseIdNamesTheLine() throws Exception {
    Path file = write(VALID.replace("id: two", "id: one"));
    assertThatThrownBy(() -> HarnessSpec.load(file))
        .hasMessage(file + ":10: cases[1].id: duplicate case id 'one'");
  }

  @Test
  void aContractForAnUndeclaredUpstreamIsAnError() throws Exception {
    Path file = write(VALID.replace("contracts: {search: free}", "contracts: {embed: free}"));
    assertThatThrownBy(() -> HarnessSpec.load(file))
        .hasMessage(
            file + ":12: cases[1].contracts.embed: no upstream named 'embed'; declared: [search]");
  }

  @Test
  void invalidYamlAndMissingFilesAreReported() throws Exception {
    Path broken = write("cases: [\n");
    assertThatThrownBy(() -> HarnessSpec.load(broken))
        .hasMessageStartingWith(broken + ":")
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> HarnessSpec.load(dir.resolve("nope.yaml")))
        .hasMessageEndingWith("nope.yaml: no such file");
  }

  private Path write(String text) throws Exception {
    Path file = dir.resolve("tuner.yaml");
    Files.writeString(file, text);
    return file;
  }
}

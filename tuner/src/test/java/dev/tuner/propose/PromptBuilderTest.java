package dev.tuner.propose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.spec.TunerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptBuilderTest {

  @TempDir Path root;
  TunerSpec spec;

  @BeforeEach
  void aRepositoryWithSmallBigAndFrozenFiles() throws Exception {
    Files.writeString(
        root.resolve("tuner.yaml"),
        String.join(
            "\n",
            "name: x",
            "objective: Make Hot.run faster.",
            "target: {hotPath: a.B}",
            "build: {command: 'true', artifact: a.jar}",
            "upstreams: {u: {url: 'http://127.0.0.1:9'}}",
            "cases: [{id: c, input: {}}]",
            "scope: {include: ['src/**'], frozen: ['src/gen/**']}",
            ""));
    spec = TunerSpec.load(root.resolve("tuner.yaml"));
    write("src/Hot.java", "final class Hot {\n  int run() { return 1; }\n}\n");
    write("src/gen/Generated.java", "final class Generated {}\n");
    write("target/src/Stale.java", "final class Stale {}\n");
    StringBuilder big = new StringBuilder("final class Big {\n");
    for (int i = 0; i < 2_000; i++) {
      big.append("  static int method")
          .append(i)
          .append("(int x) {\n    return x + ")
          .append(i)
          .append(";\n  }\n");
    }
    write("src/Big.java", big.append("}\n").toString());
  }

  private void write(String path, String text) throws Exception {
    Files.createDirectories(root.resolve(path).getParent());
    Files.writeString(root.resolve(path), text);
  }

  @Test
  void smallInScopeFilesAreShownWholeAndBigOnesAsAnOutline() {
    String prompt =
        new PromptBuilder(spec, root).build(1, "1", Map.of(), List.of(), "", null, null);
    assertThat(prompt)
        .contains("### src/Hot.java\n```\nfinal class Hot {\n  int run() { return 1; }\n}\n```");
    assertThat(prompt)
        .contains("### src/Big.java (")
        .contains("too big to show whole")
        .contains("2: static int method0(int x) {")
        .doesNotContain("return x + 0;");
    assertThat(prompt).doesNotContain("Generated").doesNotContain("Stale");
  }

  @Test
  void theObjectiveSaysWhatTheKeepRuleAsks() {
    String prompt =
        new PromptBuilder(spec, root).build(1, "1", Map.of(), List.of(), "", null, null);
    assertThat(prompt)
        .contains(
            "A change is kept only if p50 improves by more than 1.0% and p95 gets no more than"
                + " 3.0% slower with statistical evidence");
  }

  @Test
  void hotFramesAreShownPutTheirFilesFirstAndAskForTheFrameAimedAt() throws Exception {
    write("src/Cold.java", "final class Cold {}\n");
    String frames = "case c\n 40.0%  java.lang.Integer.valueOf <- Hot.run";
    String prompt =
        new PromptBuilder(spec, root).build(1, "1", Map.of(), List.of(), "", null, frames);
    assertThat(prompt)
        .contains("## Where time goes in the current best")
        .contains("Integer.valueOf <- Hot.run")
        .contains("Name in your hypothesis the frame of this table that your change aims at.");
    assertThat(prompt.indexOf("### src/Hot.java")).isLessThan(prompt.indexOf("### src/Cold.java"));
  }

  @Test
  void withoutARootNoFilesAreShown() {
    assertThat(new PromptBuilder(spec, null).build(1, "1", Map.of(), List.of(), "", null))
        .doesNotContain("###");
  }
}

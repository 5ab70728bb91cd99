package dev.tuner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.harness.spec.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Knob declarations: what is accepted, and one clear error (file, line, key) for each kind of
 * mistake.
 */
class KnobsSpecTest {

  private static final String MINIMAL =
      MinimalSpec.TEXT
          + String.join(
              "\n",
              "scope:",
              "  include: [conf/*, jvm.options]",
              "benchmark:",
              "  jvmOptionsFile: jvm.options",
              "");

  @TempDir Path dir;

  @BeforeEach
  void files() throws Exception {
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(
        dir.resolve("conf/tuning.properties"), "# comment\ncache.size=64\nmode=fast\n");
    Files.writeString(dir.resolve("conf/tuning.yaml"), "cache:\n  size: 64\nmode: fast\n");
    Files.writeString(dir.resolve("jvm.options"), "");
    Files.writeString(dir.resolve("outside.properties"), "cache.size=1\n");
  }

  @Test
  void everyTypeOfKnobIsAccepted() throws Exception {
    KnobsSpec k =
        load(String.join(
                "\n",
                "knobs:",
                "  file: conf/tuning.properties",
                "  seed: 7",
                "  optimizer: nelder-mead",
                "  params:",
                "    - {name: cache.size, type: integer, min: 1, max: 4096, scale: log}",
                "    - {name: mode, type: choice, values: [fast, safe]}",
                "  jvm:",
                "    - {name: gc, type: choice, values: ['-XX:+UseSerialGC', '-XX:+UseParallelGC']}",
                "    - {name: heap, type: integer, values: [256, 512], option: '-Xmx{}m'}",
                "    - {name: pretouch, type: boolean, option: '-XX:+AlwaysPreTouch'}",
                ""))
            .knobs();
    assertThat(k.seed()).isEqualTo(7);
    assertThat(k.params()).hasSize(2);
    assertThat(k.jvm()).hasSize(3);
  }

  @Test
  void yamlKnobsFilesAreReadByDottedPath() throws Exception {
    assertThat(
            load("knobs:\n  file: conf/tuning.yaml\n  params:\n    - {name: cache.size, type: integer, min: 1,"
                    + " max: 10}\n")
                .knobs()
                .file())
        .isEqualTo("conf/tuning.yaml");
  }

  @Test
  void aKnobThatChangesCallsNamesItsUpstreamsAndListsItsValues() throws Exception {
    KnobsSpec k =
        load("knobs:\n  file: conf/tuning.properties\n  params:\n"
                + "    - {name: cache.size, type: integer, values: [16, 64], calls: [u]}\n")
            .knobs();
    assertThat(k.params().get(0).calls()).containsExactly("u");
    String head = "knobs:\n  file: conf/tuning.properties\n  params:\n";
    expectError(
        head + "    - {name: cache.size, type: integer, values: [16, 64], calls: [v]}\n",
        ":13: knobs.params[0].calls: no upstream named 'v'; declared: [u]");
    expectError(
        head + "    - {name: cache.size, type: integer, min: 1, max: 64, calls: [u]}\n",
        "knobs.params[0].calls: a knob that changes calls needs its values listed");
    expectError(
        "knobs:\n  file: conf/tuning.properties\n  jvm:\n"
            + "    - {name: gc, type: choice, values: ['-XX:+UseSerialGC'], calls: [u]}\n",
        "knobs.jvm[0].calls: a JVM option cannot change the hot path's calls");
  }

  @Test
  void badDeclarationsNameTheLineAndKey() {
    String head = "knobs:\n  file: conf/tuning.properties\n  params:\n";
    expectError(
        head + "    - name: cache.sise\n      type: integer\n      min: 1\n      max: 9\n",
        ":13: knobs.params[0].name: 'cache.sise' is not a key of conf/tuning.properties");
    expectError(
        head + "    - name: cache.size\n      type: integer\n      min: 9\n      max: 9\n",
        ":16: knobs.params[0].max: empty range: min 9.0 is not below max 9.0");
    expectError(
        head + "    - name: cache.size\n      type: integer\n      values: []\n",
        "knobs.params[0].values: empty");
    expectError(
        head + "    - name: cache.size\n      type: integr\n      min: 1\n      max: 9\n",
        ":14: knobs.params[0].type: 'integr' is not one of [integer, real, choice, boolean]");
    expectError(
        head + "    - name: mode\n      type: choice\n",
        "knobs.params[0].values: a choice needs at least one value");
    expectError(
        head + "    - name: mode\n      type: choice\n      values: []\n",
        "knobs.params[0].values: a choice needs at least one value");
    expectError(
        head
            + "    - {name: mode, type: choice, values: [a]}\n    - {name: mode, type: choice, values: [b]}\n",
        "knobs.params[1].name: duplicate knob 'mode'");
    expectError(
        head
            + "    - name: cache.size\n      type: integer\n      min: 0\n      max: 9\n      scale: log\n",
        "knobs.params[0].min: a log scale needs min > 0");
    expectError(
        "knobs:\n  file: outside.properties\n  params:\n    - {name: cache.size, type: integer, min: 1, max: 9}\n",
        ":11: knobs.file: outside.properties is outside scope.include or frozen");
    expectError(
        "knobs:\n  file: conf/missing.properties\n  params:\n    - {name: a, type: integer, min: 1, max: 9}\n",
        ":11: knobs.file: no such file: conf/missing.properties");
    expectError(
        "knobs:\n  file: conf/tuning.properties\n  jvm:\n    - {name: heap, type: integer, min: 1, max: 9}\n",
        "knobs.jvm[0].option: a numeric JVM knob needs an option template with {}");
    expectError(
        "knobs:\n  file: conf/tuning.properties\n  optimizer: bobyqa\n  params:\n"
            + "    - {name: cache.size, type: integer, min: 1, max: 9}\n",
        "knobs.optimizer: bobyqa needs at least two");
    expectError(
        "knobs:\n  file: conf/tuning.properties\n  optimizer: genetic\n  params:\n"
            + "    - {name: cache.size, type: integer, min: 1, max: 9}\n",
        "knobs.optimizer: 'genetic' is not one of");
    expectError(
        "knobs:\n  file: conf/tuning.properties\n  params:\n    - {name: mode, type: choice, values: [a], colour: red}\n",
        "knobs.params[0].colour: unknown key");
  }

  private void expectError(String section, String message) {
    assertThatThrownBy(() -> load(section))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining(message);
  }

  private TunerSpec load(String section) throws Exception {
    return MinimalSpec.load(dir, MINIMAL + section);
  }
}

package dev.tuner.knobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.spec.JvmOptionsFile;
import dev.tuner.spec.KnobFile;
import dev.tuner.spec.KnobsSpec.KnobSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnobFilesTest {

  @TempDir Path dir;

  @Test
  void aPropertiesFileKeepsItsCommentsAndOrder() throws Exception {
    Path f = dir.resolve("t.properties");
    Files.writeString(f, "# why 10\nreference.batchSize=10\n\n# cache\nanalysis.cacheSize = 64\n");
    KnobFile file = new KnobFile(f);
    file.set(Map.of("analysis.cacheSize", "1024", "reference.batchSize", "20"));
    assertThat(Files.readString(f))
        .isEqualTo("# why 10\nreference.batchSize=20\n\n# cache\nanalysis.cacheSize = 1024\n");
    assertThat(file.get("analysis.cacheSize")).isEqualTo("1024");
    assertThat(file.get("missing")).isNull();
    assertThatThrownBy(() -> file.set(Map.of("missing", "1")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("missing");
  }

  @Test
  void yamlAndJsonKeysAreDottedPathsAndKeepTheirTypes() throws Exception {
    Path y = dir.resolve("t.yaml");
    Files.writeString(y, "analysis:\n  cacheSize: 64\nmode: fast\nflag: false\n");
    new KnobFile(y).set(Map.of("analysis.cacheSize", "256", "mode", "safe", "flag", "true"));
    assertThat(new KnobFile(y).get("analysis.cacheSize")).isEqualTo("256");
    assertThat(Files.readString(y))
        .contains("cacheSize: 256")
        .contains("mode: safe")
        .contains("flag: true");
    Path j = dir.resolve("t.json");
    Files.writeString(j, "{\"analysis\": {\"cacheSize\": 64}, \"a.b\": 1.5}");
    new KnobFile(j).set(Map.of("analysis.cacheSize", "128", "a.b", "2.5"));
    assertThat(Files.readString(j)).contains("\"cacheSize\" : 128").contains("\"a.b\" : 2.5");
  }

  @Test
  void jvmOptionsMergeOverTheSpecsAndAKeptFileReadsBack() throws Exception {
    assertThat(
            JvmOptionsFile.merge(
                List.of("-XX:+UseSerialGC", "-Xms1g", "-Xmx1g", "-XX:TieredStopAtLevel=1"),
                List.of("-XX:+UseParallelGC", "-Xmx512m", "-XX:TieredStopAtLevel=4")))
        .containsExactly("-Xms1g", "-XX:+UseParallelGC", "-Xmx512m", "-XX:TieredStopAtLevel=4");
    assertThat(
            JvmOptionsFile.merge(
                List.of("-XX:+UseSerialGC", "-Xms1g"), List.of("-XX:+UseSerialGC")))
        .as("an option the base has already keeps its place")
        .containsExactly("-XX:+UseSerialGC", "-Xms1g");
    List<Knob> knobs =
        List.of(
            Knob.of(
                new KnobSpec(
                    "gc",
                    "choice",
                    null,
                    null,
                    null,
                    List.of("-XX:+UseSerialGC", "-XX:+UseParallelGC"),
                    null),
                true),
            Knob.of(
                new KnobSpec("heap", "integer", 256.0, 2048.0, "log", null, "-Xms{}m -Xmx{}m"),
                true),
            Knob.of(
                new KnobSpec("pretouch", "boolean", null, null, null, null, "-XX:+AlwaysPreTouch"),
                true));
    Path f = dir.resolve("jvm.options");
    Map<String, String> point =
        Map.of("gc", "-XX:+UseParallelGC", "heap", "724", "pretouch", "false");
    JvmKnobs.write(f, knobs, point);
    assertThat(JvmOptionsFile.read(f))
        .containsExactly("-XX:+UseParallelGC", "-Xms724m", "-Xmx724m");
    assertThat(JvmKnobs.values(f, knobs)).isEqualTo(point);
  }

  @Test
  void numericKnobsRoundOnTheirScale() {
    Knob log = Knob.of(new KnobSpec("c", "integer", 1.0, 1024.0, "log", null, null), false);
    assertThat(log.valueAt(0)).isEqualTo("1");
    assertThat(log.valueAt(0.5)).isEqualTo("32");
    assertThat(log.valueAt(1)).isEqualTo("1024");
    assertThat(log.unitOf("32")).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
    Knob levels =
        Knob.of(new KnobSpec("p", "integer", null, null, null, List.of(2, 4, 16, 64), null), false);
    assertThat(levels.valueAt(0.4)).isEqualTo("4");
    assertThat(levels.unitOf("10"))
        .as("nearest level")
        .isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
    Knob real = Knob.of(new KnobSpec("r", "real", 0.0, 1.0, null, null, null), false);
    assertThat(real.valueAt(1 / 3.0)).isEqualTo("0.3333");
    assertThat(real.gridLevels(3)).containsExactly("0", "0.5", "1");
  }
}

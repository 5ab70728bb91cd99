package dev.tuner.knobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.io.Classpath;
import dev.tuner.spec.KnobsSpec;
import dev.tuner.spec.KnobsSpec.KnobSpec;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other values of knobs that change calls, and the artifacts {@code tuner record} runs them
 * from.
 */
class CallVariantsTest {

  static final String FILE = "app/src/main/resources/tuning.properties";
  static final String TUNING = "# batch\nbatch=10\nmode=a\ncache=64\n";
  static final KnobsSpec SPEC =
      new KnobsSpec(
          FILE,
          1L,
          "cmaes",
          List.of(
              new KnobSpec(
                  "batch",
                  "integer",
                  null,
                  null,
                  null,
                  List.of(10, 20, 50),
                  null,
                  List.of("reference")),
              new KnobSpec(
                  "mode",
                  "choice",
                  null,
                  null,
                  null,
                  List.of("a", "b"),
                  null,
                  List.of("reference")),
              new KnobSpec("cache", "integer", 16.0, 1024.0, "log", null, null)),
          List.of());

  @TempDir Path root;
  Path jar;

  @BeforeEach
  void treeAndArtifact() throws Exception {
    Files.createDirectories(root.resolve(FILE).getParent());
    Files.writeString(root.resolve(FILE), TUNING);
    jar = root.resolve("app.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      zip.putNextEntry(new ZipEntry("tuning.properties"));
      zip.write(TUNING.getBytes(StandardCharsets.ISO_8859_1));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("app/Main.class"));
      zip.write(new byte[] {(byte) 0xca, (byte) 0xfe});
      zip.closeEntry();
    }
  }

  @Test
  void everyCombinationOfTheCallKnobsButTheCommittedOneIsAVariant() throws Exception {
    assertThat(CallVariants.of(SPEC, root))
        .extracting(CallVariants.Variant::label)
        .containsExactly(
            "batch=10 mode=b",
            "batch=20 mode=a",
            "batch=20 mode=b",
            "batch=50 mode=a",
            "batch=50 mode=b");
  }

  @Test
  void aVariantRunsTheBuildWithTheKnobsFileAtItsValuesInFrontAndNothingElseChanged()
      throws Exception {
    CallVariants.Variant v = CallVariants.of(SPEC, root).get(1);
    Classpath variant =
        CallVariants.variant(
            Classpath.of(jar), root.resolve("v"), root.resolve(FILE), FILE, v.values());
    assertThat(variant.entries()).containsExactly(root.resolve("v"), jar);
    assertThat(new String(variant.resource("tuning.properties"), StandardCharsets.ISO_8859_1))
        .isEqualTo("# batch\nbatch=20\nmode=a\ncache=64\n");
    assertThat(variant.resource("app/Main.class")).containsExactly(0xca, 0xfe);
  }

  @Test
  void aBuildFromAnotherKnobsFileIsRefused() throws Exception {
    Files.writeString(root.resolve(FILE), TUNING.replace("cache=64", "cache=128"));
    assertThatThrownBy(
            () ->
                CallVariants.variant(
                    Classpath.of(jar),
                    root.resolve("v"),
                    root.resolve(FILE),
                    FILE,
                    Map.of("batch", "20")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("knobs.file " + FILE + " is not in the build unchanged")
        .hasMessageContaining("the built copy differs: rebuild");
    assertThat(root.resolve("v")).doesNotExist();
  }
}

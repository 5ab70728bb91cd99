package dev.tuner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.io.Classpath;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertyVariantTest {

  @TempDir Path dir;

  @Test
  void aDirectoryInFrontOfTheBuildHoldsTheChangedResourceAndTheBuildIsUntouched() throws Exception {
    Classpath build =
        Classpath.of(jar("# knobs\nreference.batchSize=10\ncalibration.extraWorkPercent = 0\n"));

    Classpath variant =
        PropertyVariant.write(
            build,
            dir.resolve("variant"),
            "tuning.properties",
            "calibration.extraWorkPercent",
            "20");

    assertThat(variant.entries()).containsExactly(dir.resolve("variant"), dir.resolve("base.jar"));
    assertThat(PropertyVariant.read(variant, "tuning.properties", "calibration.extraWorkPercent"))
        .isEqualTo("20");
    assertThat(new String(variant.resource("tuning.properties"), StandardCharsets.ISO_8859_1))
        .isEqualTo("# knobs\nreference.batchSize=10\ncalibration.extraWorkPercent = 20\n");
    assertThat(variant.resource("a/B.class")).containsExactly(1, 2, 3);
    assertThat(PropertyVariant.read(build, "tuning.properties", "calibration.extraWorkPercent"))
        .isEqualTo("0");
  }

  @Test
  void aMissingKeyOrResourceNamesIt() throws Exception {
    Classpath build = Classpath.of(jar("reference.batchSize=10\n"));
    assertThatThrownBy(
            () -> PropertyVariant.write(build, dir.resolve("v"), "tuning.properties", "nope", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tuning.properties has no key nope");
    assertThatThrownBy(
            () -> PropertyVariant.write(build, dir.resolve("w"), "other.properties", "nope", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no entry of the class path holds other.properties");
    assertThat(dir.resolve("w")).doesNotExist();
  }

  private Path jar(String properties) throws Exception {
    Path jar = dir.resolve("base.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      zip.putNextEntry(new ZipEntry("a/B.class"));
      zip.write(new byte[] {1, 2, 3});
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("tuning.properties"));
      zip.write(properties.getBytes(StandardCharsets.ISO_8859_1));
      zip.closeEntry();
    }
    return jar;
  }
}

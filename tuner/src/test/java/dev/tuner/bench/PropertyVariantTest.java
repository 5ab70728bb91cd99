package dev.tuner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertyVariantTest {

  @TempDir Path dir;

  @Test
  void changesOnlyTheKeyAndCopiesEverythingElse() throws Exception {
    Path jar = jar("# knobs\nreference.batchSize=10\ncalibration.extraWorkPercent = 0\n");
    Path variant = dir.resolve("variant.jar");

    PropertyVariant.write(jar, variant, "tuning.properties", "calibration.extraWorkPercent", "20");

    assertThat(PropertyVariant.read(variant, "tuning.properties", "calibration.extraWorkPercent"))
        .isEqualTo("20");
    try (ZipFile zip = new ZipFile(variant.toFile())) {
      assertThat(
              new String(
                  zip.getInputStream(zip.getEntry("tuning.properties")).readAllBytes(),
                  StandardCharsets.ISO_8859_1))
          .isEqualTo("# knobs\nreference.batchSize=10\ncalibration.extraWorkPercent = 20\n");
      assertThat(zip.getInputStream(zip.getEntry("a/B.class")).readAllBytes())
          .containsExactly(1, 2, 3);
    }
    assertThat(PropertyVariant.read(jar, "tuning.properties", "calibration.extraWorkPercent"))
        .isEqualTo("0");
  }

  @Test
  void aMissingKeyOrResourceNamesIt() throws Exception {
    Path jar = jar("reference.batchSize=10\n");
    assertThatThrownBy(
            () ->
                PropertyVariant.write(jar, dir.resolve("v.jar"), "tuning.properties", "nope", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tuning.properties has no key nope");
    assertThatThrownBy(
            () -> PropertyVariant.write(jar, dir.resolve("w.jar"), "other.properties", "nope", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no resource other.properties");
    assertThat(dir.resolve("w.jar")).doesNotExist();
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

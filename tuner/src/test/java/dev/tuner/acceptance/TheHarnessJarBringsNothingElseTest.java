package dev.tuner.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.ExampleBuild;
import dev.tuner.harness.HarnessVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * {@code dev.tuner:harness} as a project gets it: one jar whose classes all live under the
 * harness's own package (its libraries relocated there), and a POM that asks for nothing.
 */
class TheHarnessJarBringsNothingElseTest {

  static final Path DIR = ExampleBuild.REPO.resolve("harness-jar/target");

  @Test
  void everyClassInTheJarIsTheHarnessOrRelocatedUnderIt() throws Exception {
    Path jar = DIR.resolve("harness-" + HarnessVersion.harness() + ".jar");
    List<String> classes;
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      classes = zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class")).toList();
    }
    assertThat(classes).contains("dev/tuner/harness/HotPath.class");
    assertThat(classes)
        .anyMatch(n -> n.startsWith("dev/tuner/harness/shaded/jackson/databind/"))
        .anyMatch(n -> n.startsWith("dev/tuner/harness/shaded/tomakehurst/wiremock/"));
    assertThat(classes).allMatch(n -> n.startsWith("dev/tuner/harness/"));
  }

  @Test
  void itsPomDependsOnNothingButJUnitsApiAndThatOptionally() throws Exception {
    String pom = Files.readString(DIR.resolve("dependency-reduced-pom.xml"));
    String dependencies =
        pom.substring(pom.indexOf("<dependencies>"), pom.indexOf("</dependencies>"));
    assertThat(dependencies.split("<dependency>")).hasSize(2);
    assertThat(dependencies)
        .contains("<artifactId>junit-jupiter-api</artifactId>", "<optional>true</optional>");
  }
}

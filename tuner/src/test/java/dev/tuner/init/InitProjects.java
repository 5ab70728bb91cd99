package dev.tuner.init;

import dev.tuner.Javac;
import dev.tuner.harness.HotPath;
import dev.tuner.spec.BuildSpec;
import dev.tuner.spec.TunerSpec;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Temporary projects for init's tests, and the checks they share. */
public final class InitProjects {

  /** A small Maven POM in the usual layout: four-space indents, dependencies before build. */
  public static final String POM =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <project xmlns="http://maven.apache.org/POM/4.0.0"
               xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
               xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.acme</groupId>
          <artifactId>acme-search</artifactId>
          <version>1.0.0</version>

          <dependencyManagement>
              <dependencies>
                  <dependency>
                      <groupId>org.example</groupId>
                      <artifactId>managed</artifactId>
                      <version>1</version>
                  </dependency>
              </dependencies>
          </dependencyManagement>

          <dependencies>
              <!-- JSON, for the responses -->
              <dependency>
                  <groupId>com.fasterxml.jackson.core</groupId>
                  <artifactId>jackson-databind</artifactId>
                  <version>2.17.0</version>
              </dependency>
          </dependencies>

          <build>
              <plugins/>
          </build>
      </project>
      """;

  /** The six lines init inserts into {@link #POM}, after the last dependency. */
  public static final String POM_INSERT =
      String.join(
          "\n",
          "",
          "        <dependency>",
          "            <groupId>dev.tuner</groupId>",
          "            <artifactId>harness</artifactId>",
          "            <version>%s</version>",
          "            <scope>test</scope>",
          "        </dependency>");

  private InitProjects() {}

  public static Path maven(Path dir, String pom) throws IOException {
    Files.writeString(dir.resolve("pom.xml"), pom);
    return dir;
  }

  /** Case files under {@code cases/}: two to tune, one held out, one of another kind. */
  public static void caseFiles(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("cases"));
    for (String file : List.of("small.json", "big-query.json", "holdout-typo.json", "notes.txt")) {
      Files.writeString(dir.resolve("cases").resolve(file), "{\"q\": \"" + file + "\"}\n");
    }
  }

  /** Every file under {@code dir} with its bytes, to show that nothing changed. */
  public static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.toList()) {
        files.put(
            dir.relativize(p).toString() + (Files.isDirectory(p) ? "/" : ""),
            Files.isDirectory(p)
                ? ""
                : new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
    }
    return files;
  }

  /** The spec as tuner reads it: init's output must load as it is. */
  public static Loaded load(Path spec) throws Exception {
    return new Loaded(TunerSpec.load(spec));
  }

  /** A spec as the reader gave it. */
  public record Loaded(TunerSpec spec) {
    public BuildSpec build() {
      return spec.build();
    }
  }

  /**
   * Compiles {@code source} against the harness (as on the project's test class path) into {@code
   * out}; returns javac's diagnostics, empty when it compiled cleanly.
   */
  public static String compile(Path source, Path out) throws URISyntaxException {
    Path harness =
        Path.of(HotPath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return Javac.compile(source, harness.toString(), out, "-Xlint:all", "-Werror");
  }
}

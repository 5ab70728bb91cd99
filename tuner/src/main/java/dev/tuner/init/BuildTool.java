package dev.tuner.init;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The build a project uses, by the files at its root: Maven wins when both are there. */
public enum BuildTool {
  MAVEN("Maven"),
  GRADLE("Gradle");

  private static final List<String> GRADLE_FILES =
      List.of("build.gradle.kts", "build.gradle", "settings.gradle.kts", "settings.gradle");

  private final String label;

  BuildTool(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The build of {@code dir} and the file that shows it, or empty when neither is there. */
  static Optional<Detected> detect(Path dir) {
    if (Files.isRegularFile(dir.resolve("pom.xml"))) {
      return Optional.of(new Detected(MAVEN, "pom.xml"));
    }
    for (String file : GRADLE_FILES) {
      if (Files.isRegularFile(dir.resolve(file))) {
        return Optional.of(new Detected(GRADLE, file));
      }
    }
    return Optional.empty();
  }

  /** A detected build and the file that shows it ({@code pom.xml}, {@code build.gradle.kts}). */
  record Detected(BuildTool tool, String file) {

    /** Whether a Gradle build is written in Kotlin (its build or settings file ends in .kts). */
    boolean kotlin() {
      return file.endsWith(".kts");
    }
  }
}

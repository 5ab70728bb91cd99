package dev.tuner.harness.spec;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's {@code tuner.yaml}: the {@code tuner.spec} system property, else the nearest
 * one upwards.
 */
public final class SpecLocator {

  public static final String PROPERTY = "tuner.spec";

  private SpecLocator() {}

  public static Path locate() throws SpecException {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("tuner.yaml");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new SpecException(
        Path.of("tuner.yaml"),
        0,
        "",
        "not found in " + start + " or above (or set -D" + PROPERTY + ")");
  }
}

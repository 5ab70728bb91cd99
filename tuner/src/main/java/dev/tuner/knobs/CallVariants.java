package dev.tuner.knobs;

import dev.tuner.bench.PropertyVariant;
import dev.tuner.io.Classpath;
import dev.tuner.spec.KnobFile;
import dev.tuner.spec.KnobsSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The other values of the knobs that change the hot path's calls ({@code calls:} in a knob's
 * declaration), which {@code tuner record} records next to the committed values: every combination
 * but the committed one, each run from the build with a copy of its knobs file holding those
 * values, so no build is needed.
 */
public final class CallVariants {

  private CallVariants() {}

  /**
   * One combination of values, and its label in fixtures and messages ({@code
   * reference.batchSize=20}).
   */
  public record Variant(String label, Map<String, String> values) {}

  /**
   * The combinations to record, given the knobs file's values under {@code root}; empty when no
   * knob changes calls.
   */
  public static List<Variant> of(KnobsSpec spec, Path root) throws IOException {
    List<Knob> knobs =
        KnobSpace.of(spec).params().stream().filter(k -> !k.calls().isEmpty()).toList();
    if (knobs.isEmpty()) {
      return List.of();
    }
    KnobFile file = new KnobFile(root.resolve(spec.file()));
    Map<String, String> committed = new LinkedHashMap<>();
    for (Knob k : knobs) {
      committed.put(k.name(), file.get(k.name()));
    }
    List<Map<String, String>> points = new KnobSpace(knobs).grid(1);
    List<Variant> variants = new ArrayList<>();
    for (Map<String, String> p : points) {
      if (!p.equals(committed)) {
        variants.add(new Variant(KnobSpace.describe(p), p));
      }
    }
    return variants;
  }

  /**
   * The build with its knobs file set to {@code values} (a variant's, or a grid point's): the
   * edited file is written under {@code dir} and put first on the build's class path.
   *
   * @param knobsFile the knobs file in the tree, which the build must hold unchanged as a resource
   * @throws IllegalStateException when the build does not hold the tree's knobs file as it is
   */
  public static Classpath variant(
      Classpath build, Path dir, Path knobsFile, String declared, Map<String, String> values)
      throws IOException {
    String resource = resourceOf(declared);
    byte[] packaged = build.resource(resource);
    if (packaged == null || !Arrays.equals(packaged, Files.readAllBytes(knobsFile))) {
      throw new IllegalStateException(
          "knobs.file "
              + declared
              + " is not in the build unchanged as the resource "
              + resource
              + (packaged == null ? "" : " (the built copy differs: rebuild)")
              + "; other knob values are run from that resource");
    }
    Files.createDirectories(dir);
    Path edited = Files.createTempFile(dir, "knobs-", knobsFile.getFileName().toString());
    try {
      Files.copy(knobsFile, edited, StandardCopyOption.REPLACE_EXISTING);
      new KnobFile(edited).set(values);
      return PropertyVariant.writeResource(build, dir, resource, Files.readAllBytes(edited));
    } finally {
      Files.deleteIfExists(edited);
    }
  }

  /** The class path resource a file under {@code src/main/resources/} becomes in the build. */
  static String resourceOf(String file) {
    String marker = "src/main/resources/";
    int i = file.indexOf(marker);
    return i < 0 ? Path.of(file).getFileName().toString() : file.substring(i + marker.length());
  }
}

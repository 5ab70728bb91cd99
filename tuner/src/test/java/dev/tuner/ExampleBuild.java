package dev.tuner;

import dev.tuner.bench.PropertyVariant;
import dev.tuner.build.RunnerJar;
import dev.tuner.io.Classpath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.spi.ToolProvider;

/**
 * The bundled example as tests run it without building it: tuner's runner, then the example's own
 * jar (its classes, resources and Jackson), which the reactor packages before the tuner's tests.
 */
public final class ExampleBuild {

  public static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  /** The example's uber-jar: also what a spec's {@code build.artifact} may name. */
  public static final Path JAR = REPO.resolve("example/target/example-upstream.jar");

  private ExampleBuild() {}

  public static Classpath classpath() {
    return Classpath.of(RunnerJar.path(), JAR);
  }

  /**
   * The spec's text with its {@code build} section replaced by a command that makes an uber-jar
   * (YAML quoted as given).
   */
  public static String withUberJarBuild(String spec, String command, String artifact) {
    String build = "build:\n  command: " + command + "\n  artifact: " + artifact + "\n";
    String replaced =
        spec.replaceFirst("(?m)^build:\\n(  .*\\n)*", Matcher.quoteReplacement(build));
    if (replaced.equals(spec)) {
      throw new IllegalArgumentException("the spec has no build section");
    }
    return replaced;
  }

  /**
   * Writes {@code to}: a copy of the example's jar whose {@code tuning.properties} has {@code
   * key=value} (edited as calibrate edits a knob), with the JDK's own {@code jar} tool.
   */
  public static Path jarWithKnob(Path to, String key, String value) throws Exception {
    Files.createDirectories(to.toAbsolutePath().getParent());
    Files.copy(JAR, to, StandardCopyOption.REPLACE_EXISTING);
    Path dir = Files.createTempDirectory("knob");
    PropertyVariant.write(Classpath.of(JAR), dir, "tuning.properties", key, value);
    ToolProvider jar = ToolProvider.findFirst("jar").orElseThrow();
    int code =
        jar.run(
            System.out, System.err, "uf", to.toString(), "-C", dir.toString(), "tuning.properties");
    if (code != 0) {
      throw new IllegalStateException("jar uf " + to + " failed (exit " + code + ")");
    }
    return to;
  }
}

package dev.tuner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.build.RunnerJar;
import dev.tuner.io.Classpath;
import dev.tuner.io.Dirs;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A hot path {@code synthetic.NAME} that wraps the example's, compiled at test time: its own spec
 * (the example's, naming that class) beside a copy of water-europe's fixtures and golden, and its
 * class compiled against the harness and the example. What a candidate would be, without a build.
 *
 * @param spec the synthetic project's {@code tuner.yaml}
 * @param classpath tuner's runner, the example's jar and the synthetic class
 */
public record SyntheticHotPath(Path spec, Classpath classpath) {

  /**
   * Writes and compiles it under {@code dir/NAME}: {@code members} are its fields, {@code body} the
   * body of {@code run(input, upstreams)}, where {@code inner} is the example's hot path.
   */
  public static SyntheticHotPath of(Path dir, String name, String members, String body)
      throws IOException {
    Path repo = ExampleBuild.REPO;
    Path root = Files.createDirectories(dir.resolve(name));
    String spec =
        Files.readString(repo.resolve("tuner.yaml"))
            .replace(
                "hotPath: com.example.portfolio.PortfolioHotPath", "hotPath: synthetic." + name);
    assertThat(spec).contains("synthetic." + name);
    Files.writeString(root.resolve("tuner.yaml"), spec);
    for (String d : List.of("fixtures", "goldens")) {
      Files.createDirectories(root.resolve(d));
    }
    Dirs.copyTree(repo.resolve("fixtures/water-europe"), root.resolve("fixtures/water-europe"));
    Files.copy(
        repo.resolve("goldens/water-europe.json"), root.resolve("goldens/water-europe.json"));
    Path source = root.resolve("src/synthetic/" + name + ".java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source,
        "package synthetic;\n\n"
            + "import dev.tuner.harness.HotPath;\n"
            + "import dev.tuner.harness.Upstreams;\n"
            + "import java.util.Map;\n\n"
            + "public final class "
            + name
            + " implements HotPath {\n"
            + "  "
            + members
            + "\n"
            + "  private final com.example.portfolio.PortfolioHotPath inner =\n"
            + "      new com.example.portfolio.PortfolioHotPath();\n\n"
            + "  @Override\n"
            + "  public String run(Map<String, Object> input, Upstreams upstreams) throws Exception"
            + " {\n    "
            + body
            + "\n  }\n}\n");
    Path classes = Files.createDirectories(root.resolve("classes"));
    Javac.compile(source, RunnerJar.path() + File.pathSeparator + ExampleBuild.JAR, classes);
    return new SyntheticHotPath(
        root.resolve("tuner.yaml"), Classpath.of(RunnerJar.path(), ExampleBuild.JAR, classes));
  }
}

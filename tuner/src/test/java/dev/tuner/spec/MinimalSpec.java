package dev.tuner.spec;

import java.nio.file.Files;
import java.nio.file.Path;

/** The smallest valid tuner.yaml (five lines), for tests that add the section they are about. */
public final class MinimalSpec {

  public static final String TEXT =
      String.join(
          "\n",
          "name: x",
          "target: {hotPath: a.B}",
          "build: {command: 'true', artifact: a.jar}",
          "upstreams: {u: {url: 'http://127.0.0.1:9'}}",
          "cases: [{id: c, input: {}}]",
          "");

  private MinimalSpec() {}

  /** Writes {@code text} as {@code dir/tuner.yaml} and returns its path. */
  public static Path write(Path dir, String text) throws Exception {
    Path spec = dir.resolve("tuner.yaml");
    Files.writeString(spec, text);
    return spec;
  }

  /** Writes {@code text} as {@code dir/tuner.yaml} and loads it. */
  public static TunerSpec load(Path dir, String text) throws Exception {
    return TunerSpec.load(write(dir, text));
  }
}

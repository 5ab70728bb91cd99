package dev.tuner.bench;

import dev.tuner.io.Classpath;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The hottest stacks of a commit's classpath, profiled once per commit and cached in {@code
 * .tuner/profiles/}. A profile is a hint for a prompt, not a measurement: it never holds a run up
 * longer than {@link #TIMEOUT}, and a failed one is remembered as empty rather than retried.
 */
public final class Profiles {

  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private final Path dir;
  private final Path root;
  private final BenchStage bench;
  private final PrintWriter out;

  public Profiles(Path dir, Path root, BenchStage bench, PrintWriter out) {
    this.dir = dir;
    this.root = root;
    this.bench = bench;
    this.out = out;
  }

  /** The commit's hot frames; null when its build is gone or the cache cannot be written. */
  public String hotFrames(String commit, Classpath classpath, List<String> cases) {
    Path cached = dir.resolve(commit + ".txt");
    try {
      if (Files.exists(cached)) {
        return Files.readString(cached);
      }
      if (classpath == null) {
        return null;
      }
      Files.createDirectories(dir);
      out.println(
          "  profiling the best "
              + commit.substring(0, Math.min(8, commit.length()))
              + " for the prompt (JMH -prof stack)");
      out.flush();
      String frames;
      try {
        frames = bench.hotFrames(root, classpath, cases, TIMEOUT);
      } catch (Exception e) {
        out.println("  profile skipped: " + e.getMessage());
        frames = "";
      }
      Files.writeString(cached, frames == null ? "" : frames);
      return frames;
    } catch (IOException e) {
      out.println("  profile skipped: " + e.getMessage());
      return null;
    }
  }
}

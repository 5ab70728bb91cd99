package dev.tuner.build;

import dev.tuner.io.Dirs;
import dev.tuner.io.Processes;
import dev.tuner.spec.BuildSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The build's artifact for a working tree: rebuilt with the spec's command when it is missing or
 * older than any source file, so every command runs on what the tree holds now.
 */
public final class Artifact {

  /** Directories that never feed a build: outputs, run state, recorded evidence. */
  private static final Set<String> SKIPPED =
      Set.of(".git", ".tuner", "target", "fixtures", "goldens", "node_modules", ".idea");

  private static final int LOG_TAIL_LINES = 30;

  private Artifact() {}

  /**
   * Returns the artifact's path, building it first when needed; build output goes to {@code log}.
   */
  public static Path ensure(Path root, BuildSpec build, PrintWriter log)
      throws BuildFailedException, IOException {
    Path artifact = root.resolve(build.artifact());
    if (Files.exists(artifact) && !newerSourceExists(root, Files.getLastModifiedTime(artifact))) {
      return artifact;
    }
    log.println("building: " + build.command());
    log.flush();
    run(root, build);
    if (!Files.exists(artifact)) {
      throw new BuildFailedException(
          "the build succeeded but produced no artifact at "
              + artifact
              + " (build.artifact in tuner.yaml)");
    }
    return artifact;
  }

  private static void run(Path root, BuildSpec build) throws BuildFailedException, IOException {
    Path log = Files.createTempFile("tuner-build", ".log");
    try {
      Processes.Outcome outcome = build(root, build, log);
      if (!outcome.ok()) {
        throw new BuildFailedException(describeFailure(build, outcome));
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /**
   * Runs the spec's build command in {@code dir} with its timeout, output to {@code log}. A build
   * that fails, times out or is interrupted leaves no artifact behind: one it wrote before failing
   * would be newer than every source, and {@link #ensure} would take it as up to date.
   */
  public static Processes.Outcome build(Path dir, BuildSpec build, Path log) throws IOException {
    Path artifact = dir.resolve(build.artifact());
    Processes.Outcome outcome;
    try {
      outcome =
          Processes.shell(
              build.command(), dir, Map.of(), Duration.ofSeconds(build.timeoutSeconds()), log);
    } catch (IOException e) {
      try {
        Dirs.deleteTree(artifact);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    if (!outcome.ok()) {
      Dirs.deleteTree(artifact);
    }
    return outcome;
  }

  /** What went wrong with a build, with the tail of its output. */
  public static String describeFailure(BuildSpec build, Processes.Outcome outcome) {
    if (outcome.timedOut()) {
      return "the build ran past "
          + build.timeoutSeconds()
          + " s and was killed: "
          + build.command();
    }
    return "the build failed (exit "
        + outcome.exitCode()
        + "): "
        + build.command()
        + "\n"
        + outcome
            .tail(LOG_TAIL_LINES)
            .lines()
            .map(l -> "  | " + l)
            .collect(java.util.stream.Collectors.joining("\n"));
  }

  private static boolean newerSourceExists(Path root, FileTime than) throws IOException {
    boolean[] found = {false};
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(root) && SKIPPED.contains(dir.getFileName().toString())
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.lastModifiedTime().compareTo(than) > 0) {
              found[0] = true;
              return FileVisitResult.TERMINATE;
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return found[0];
  }
}

package dev.tuner.build;

import dev.tuner.spec.BuildSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The build's artifact for a working tree: rebuilt with the spec's command when it is missing or older than
 * any source file, so every command runs on what the tree holds now.
 */
public final class Artifact {

  /** Directories that never feed a build: outputs, run state, recorded evidence. */
  private static final Set<String> SKIPPED = Set.of(".git", ".tuner", "target", "fixtures", "goldens", "node_modules", ".idea");

  private static final int LOG_TAIL_LINES = 30;

  private Artifact() {}

  /** Returns the artifact's path, building it first when needed; build output goes to {@code log}. */
  public static Path ensure(Path root, BuildSpec build, PrintWriter log) throws BuildFailedException, IOException {
    Path artifact = root.resolve(build.artifact());
    if (Files.exists(artifact) && !newerSourceExists(root, Files.getLastModifiedTime(artifact))) {
      return artifact;
    }
    log.println("building: " + build.command());
    log.flush();
    run(root, build);
    if (!Files.exists(artifact)) {
      throw new BuildFailedException("the build succeeded but produced no artifact at " + artifact
          + " (build.artifact in tuner.yaml)");
    }
    return artifact;
  }

  private static void run(Path root, BuildSpec build) throws BuildFailedException, IOException {
    Path logFile = Files.createTempFile("tuner-build", ".log");
    try {
      Process process = new ProcessBuilder("bash", "-c", build.command())
          .directory(root.toFile())
          .redirectErrorStream(true)
          .redirectOutput(logFile.toFile())
          .start();
      boolean done;
      try {
        done = process.waitFor(build.timeoutSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        done = false;
      }
      if (!done) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new BuildFailedException("the build ran past " + build.timeoutSeconds() + " s and was killed: "
            + build.command());
      }
      if (process.exitValue() != 0) {
        throw new BuildFailedException("the build failed (exit " + process.exitValue() + "): " + build.command()
            + "\n" + tail(logFile));
      }
    } finally {
      Files.deleteIfExists(logFile);
    }
  }

  private static String tail(Path log) throws IOException {
    var lines = Files.readAllLines(log);
    Deque<String> last = new ArrayDeque<>();
    for (String line : lines) {
      last.addLast("  | " + line);
      if (last.size() > LOG_TAIL_LINES) {
        last.removeFirst();
      }
    }
    return String.join("\n", last);
  }

  private static boolean newerSourceExists(Path root, FileTime than) throws IOException {
    boolean[] found = {false};
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
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

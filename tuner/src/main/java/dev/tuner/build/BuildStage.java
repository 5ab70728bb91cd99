package dev.tuner.build;

import dev.tuner.io.AtomicFile;
import dev.tuner.io.Classpath;
import dev.tuner.io.Dirs;
import dev.tuner.io.Processes;
import dev.tuner.log.Status;
import dev.tuner.log.Stop;
import dev.tuner.spec.BuildSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The build stage: the spec's build on the working tree, as a subprocess with a deadline. What it
 * produced inside the repository (class directories, jars of the project's modules) is copied per
 * commit into {@code .tuner/artifacts/<commit>/}, so the best's build stays at hand for A/B runs
 * while the next candidate builds over the tree; libraries outside it (the local Maven repository)
 * are named where they are.
 */
public final class BuildStage {

  private static final int TAIL = 25;
  private static final String CLASSPATH = "classpath.txt";

  private final Path root;
  private final Path stateDir;
  private final BuildSpec spec;

  public BuildStage(Path root, Path stateDir, BuildSpec spec) {
    this.root = root;
    this.stateDir = stateDir;
    this.spec = spec;
  }

  /**
   * How the build ended.
   *
   * @param classpath the commit's kept build, the runner first; null when it failed
   * @param stop why it failed; null when it passed
   */
  public record Result(Classpath classpath, Duration elapsed, Stop stop) {

    public boolean passed() {
      return stop == null;
    }
  }

  /** The kept build of a commit; null if it was never built. */
  public Classpath cached(String commit) throws IOException {
    Path file = dir(commit).resolve(CLASSPATH);
    if (!Files.exists(file)) {
      return null;
    }
    return Classpath.parse(Files.readString(file, StandardCharsets.UTF_8), dir(commit))
        .prepend(RunnerJar.path());
  }

  /** A commit's new id for the same tree (its message was amended): its kept build follows it. */
  public void renamed(String from, String to) throws IOException {
    if (Files.exists(dir(from))) {
      Dirs.deleteTree(dir(to));
      Files.move(dir(from), dir(to));
      // Entries copied into the directory are written relative to it, so they move with it.
    }
  }

  /**
   * Builds the checked-out {@code commit}; {@code label} names its log, {@code
   * .tuner/logs/<label>-build.log}.
   */
  public Result build(String label, String commit, Duration timeout) throws IOException {
    BuildSpec limited = spec.withTimeoutSeconds((int) Math.max(1, timeout.toSeconds()));
    Processes.Outcome outcome;
    try {
      outcome = ProjectBuild.run(root, limited, stateDir.resolve("logs/" + label + "-build.log"));
    } catch (BuildFailedException e) {
      return new Result(
          null,
          Duration.ZERO,
          new Stop(
              Status.BUILD_FAILED, e.getMessage(), "fix the build set-up in tuner.yaml", null));
    }
    if (outcome.timedOut()) {
      return failed(
          outcome,
          Status.TIMEOUT,
          "the build ran past " + timeout.toSeconds() + " s and was killed");
    }
    if (!outcome.ok()) {
      return failed(
          outcome, Status.BUILD_FAILED, "the build failed (exit " + outcome.exitCode() + ")");
    }
    Classpath produced;
    try {
      produced = ProjectBuild.produced(root, spec);
    } catch (BuildFailedException e) {
      return failed(outcome, Status.BUILD_FAILED, e.getMessage());
    }
    return new Result(keep(commit, produced), outcome.elapsed(), null);
  }

  /**
   * Copies the entries inside the repository into the commit's directory and writes its class path
   * file (copied entries relative to it, others absolute); the runner is left out, and put back
   * first by {@link #cached}.
   */
  private Classpath keep(String commit, Classpath produced) throws IOException {
    Path dir = dir(commit);
    Dirs.deleteTree(dir);
    Files.createDirectories(dir);
    Path runner = RunnerJar.path();
    List<String> lines = new ArrayList<>();
    Path top = root.toAbsolutePath().normalize();
    int n = 0;
    for (Path entry : produced.entries()) {
      if (entry.equals(runner)) {
        continue;
      }
      if (entry.startsWith(top)) {
        String name = (n++) + "-" + entry.getFileName();
        Dirs.copyTree(entry, dir.resolve(name));
        lines.add(name);
      } else {
        lines.add(entry.toString());
      }
    }
    AtomicFile.write(
        dir.resolve(CLASSPATH), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    return cached(commit);
  }

  private Path dir(String commit) {
    return stateDir.resolve("artifacts").resolve(commit);
  }

  private static Result failed(Processes.Outcome outcome, Status status, String reason) {
    String hint = "fix the compile error shown in asi.error, or try another change";
    return new Result(null, outcome.elapsed(), new Stop(status, reason, hint, outcome.tail(TAIL)));
  }
}

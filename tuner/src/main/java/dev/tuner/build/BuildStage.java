package dev.tuner.build;

import dev.tuner.io.Processes;
import dev.tuner.log.Status;
import dev.tuner.log.Stop;
import dev.tuner.spec.BuildSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * The build stage: the spec's build command on the working tree, as a subprocess with a deadline;
 * the artifact is cached per commit in {@code .tuner/artifacts/}, so the best's stays at hand for
 * A/B runs.
 */
public final class BuildStage {

  private static final int TAIL = 25;

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
   * @param artifact the cached artifact; null when it failed
   * @param stop why it failed; null when it passed
   */
  public record Result(Path artifact, Duration elapsed, Stop stop) {

    public boolean passed() {
      return stop == null;
    }
  }

  /** The cached artifact of a commit, if it was built before. */
  public Path cached(String commit) {
    return stateDir.resolve("artifacts/" + commit + ".jar");
  }

  /**
   * A commit's new id for the same tree (its message was amended): its cached artifact follows it.
   */
  public void renamed(String from, String to) throws IOException {
    if (Files.exists(cached(from))) {
      Files.move(cached(from), cached(to), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Builds the checked-out {@code commit}; {@code label} names its log, {@code
   * .tuner/logs/<label>-build.log}.
   */
  public Result build(String label, String commit, Duration timeout) throws IOException {
    BuildSpec limited =
        new BuildSpec(spec.command(), spec.artifact(), (int) Math.max(1, timeout.toSeconds()));
    Processes.Outcome outcome =
        Artifact.build(root, limited, stateDir.resolve("logs/" + label + "-build.log"));
    if (outcome.timedOut()) {
      return failed(
          outcome,
          Status.TIMEOUT,
          "the build ran past " + timeout.toSeconds() + " s and was killed");
    }
    Path produced = root.resolve(spec.artifact());
    if (!outcome.ok() || !Files.exists(produced)) {
      return failed(
          outcome,
          Status.BUILD_FAILED,
          outcome.ok()
              ? "the build produced no artifact at " + produced
              : "the build failed (exit " + outcome.exitCode() + ")");
    }
    Path cached = cached(commit);
    Files.createDirectories(cached.getParent());
    Files.copy(produced, cached, StandardCopyOption.REPLACE_EXISTING);
    return new Result(cached, outcome.elapsed(), null);
  }

  private static Result failed(Processes.Outcome outcome, Status status, String reason) {
    String hint = "fix the compile error shown in asi.error, or try another change";
    return new Result(null, outcome.elapsed(), new Stop(status, reason, hint, outcome.tail(TAIL)));
  }
}

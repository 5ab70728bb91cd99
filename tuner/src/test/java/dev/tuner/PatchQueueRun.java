package dev.tuner;

import dev.tuner.cli.Main;
import dev.tuner.io.Dirs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;

/**
 * {@code tuner optimize --proposer patches} over the test queue (one change of every kind the loop
 * must tell apart) on a clone of the example, run once per test JVM: the patch-queue acceptance
 * test reads it, and the MCP test compares an agent's run with it. Each run benchmarks four
 * commits; sharing it saves the suite about three minutes.
 *
 * @param repo the clone, on its user branch {@code main}
 * @param userHead {@code main}'s commit before the run
 * @param exitCode what {@code optimize} returned
 * @param out its standard output and error
 */
public record PatchQueueRun(Path repo, String userHead, int exitCode, String out) {

  public static final Path QUEUE = ExampleBuild.REPO.resolve("tuner/src/test/resources/patches");

  /** The run's branch is {@code tuner/<TAG>}. */
  public static final String TAG = "t1";

  private static PatchQueueRun run;

  /** The run, made on first use. */
  public static synchronized PatchQueueRun get() throws Exception {
    if (run == null) {
      run = make();
    }
    return run;
  }

  private static PatchQueueRun make() throws Exception {
    Path dir = Files.createTempDirectory("tuner-patch-queue");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
    Path repo = ExampleClone.create(dir.resolve("repo"), PatchQueueRun::spec);
    String userHead;
    try (Git git = Git.open(repo.toFile())) {
      userHead = git.getRepository().resolve("HEAD").name();
    }
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int exitCode =
        new Main(new PrintWriter(o), new PrintWriter(e), Map.of())
            .run(
                "optimize",
                "--spec",
                repo.resolve("tuner.yaml").toString(),
                "--proposer",
                "patches",
                "--patches",
                QUEUE.toString(),
                "--tag",
                TAG,
                "--plateau",
                "20");
    return new PatchQueueRun(repo, userHead, exitCode, o + e.toString());
  }

  /**
   * The spec the run reads: the quick settings, profiles on (a proposer that reads no prompt has
   * only the start and the final best profiled), and the hung try (09) killed after 40 s rather
   * than the default floor's 2 min (the other tries' build and parity stages take 2-13 s).
   */
  public static String spec(String example) {
    return TinyBench.withProfiles(example) + "optimize: {minStageSeconds: 40}\n";
  }

  private static void delete(Path dir) {
    try {
      Dirs.deleteTree(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

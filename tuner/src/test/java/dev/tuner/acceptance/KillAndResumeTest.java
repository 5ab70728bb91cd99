package dev.tuner.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.ExampleClone;
import dev.tuner.PatchQueueRun;
import dev.tuner.TinyBench;
import dev.tuner.cli.Main;
import dev.tuner.harness.ExitCode;
import dev.tuner.io.Processes;
import dev.tuner.log.ExperimentLog;
import dev.tuner.log.LogRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of a try, then {@code --resume}: the log and the branch end up
 * consistent.
 */
class KillAndResumeTest {

  @TempDir Path dir;

  @Test
  void aKilledRunResumesWithNothingLostOrDuplicated() throws Exception {
    Path repo = ExampleClone.create(dir.resolve("repo"), TinyBench::apply);
    Path queue = Files.createDirectories(dir.resolve("queue"));
    for (String patch : List.of("01-speedup.diff", "02-noop.diff", "06-out-of-scope.diff")) {
      Files.copy(PatchQueueRun.QUEUE.resolve(patch), queue.resolve(patch));
    }
    Path log = repo.resolve(".tuner/experiments.jsonl");
    String[] args = {
      "optimize",
      "--spec",
      repo.resolve("tuner.yaml").toString(),
      "--proposer",
      "patches",
      "--patches",
      queue.toString(),
      "--tag",
      "k"
    };

    Process loop =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                args[0],
                args[1],
                args[2],
                args[3],
                args[4],
                args[5],
                args[6],
                args[7],
                args[8])
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("first.log").toFile())
            .start();
    try {
      // Kill it once the baseline is logged and the first try is under way.
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      while (experiments(log).size() < 1 && System.nanoTime() < deadline && loop.isAlive()) {
        Thread.sleep(500);
      }
      Thread.sleep(3_000);
      assertThat(loop.isAlive()).as(Files.readString(dir.resolve("first.log"))).isTrue();
    } finally {
      Processes.killTree(loop);
    }

    StringWriter out = new StringWriter();
    int code =
        new Main(new PrintWriter(out), new PrintWriter(out), Map.of())
            .run(
                java.util.stream.Stream.concat(
                        java.util.Arrays.stream(args), java.util.stream.Stream.of("--resume"))
                    .toArray(String[]::new));
    assertThat(code).as(out.toString()).isEqualTo(ExitCode.OK);

    List<LogRecord.Experiment> experiments = experiments(log);
    assertThat(experiments)
        .extracting(LogRecord.Experiment::run)
        .as(out.toString())
        .containsExactly(0, 1, 2, 3);
    assertThat(experiments)
        .extracting(e -> e.status().label())
        .containsExactly("baseline", "keep", "discard", "scope_violation");
    try (Git git = Git.open(repo.toFile())) {
      assertThat(git.getRepository().resolve("refs/heads/tuner/k").name())
          .isEqualTo(experiments.get(1).commit());
      assertThat(git.getRepository().getBranch()).isEqualTo("main");
      assertThat(git.status().call().isClean()).isTrue();
    }
  }

  private static List<LogRecord.Experiment> experiments(Path log) throws Exception {
    return new ExperimentLog(log)
        .read(new PrintWriter(new StringWriter())).stream()
            .filter(r -> r instanceof LogRecord.Experiment)
            .map(r -> (LogRecord.Experiment) r)
            .toList();
  }
}

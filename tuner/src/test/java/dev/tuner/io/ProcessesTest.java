package dev.tuner.io;

import static dev.tuner.io.ChildProcesses.assertGone;
import static dev.tuner.io.ChildProcesses.pid;
import static dev.tuner.io.ChildProcesses.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesTest {

  /** Long enough that a command which should end by itself never meets it. */
  private static final Duration AMPLE = Duration.ofSeconds(60);

  @TempDir Path dir;

  private Path log() {
    return dir.resolve("logs/run.log");
  }

  @Test
  void returnsTheExitCodeWithStdoutAndStderrTogetherInTheLog() throws Exception {
    Processes.Outcome outcome =
        Processes.shell("echo to-out; echo to-err >&2; exit 3", dir, Map.of(), AMPLE, log());
    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.timedOut()).isFalse();
    assertThat(outcome.ok()).isFalse();
    assertThat(outcome.log()).isEqualTo(log());
    assertThat(log()).hasContent("to-out\nto-err");
    assertThat(outcome.output()).isEqualTo("to-out\nto-err\n");
  }

  @Test
  void aZeroExitIsOk() throws Exception {
    Processes.Outcome outcome = Processes.run(List.of("true"), dir, Map.of(), AMPLE, log());
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.ok()).isTrue();
    assertThat(outcome.elapsed()).isPositive();
  }

  @Test
  void createsTheLogsDirectoryAndReplacesAnEarlierLog() throws Exception {
    Path log = dir.resolve("a/b/c/build.log");
    Processes.shell("echo first", dir, Map.of(), AMPLE, log);
    Processes.shell("echo second", dir, Map.of(), AMPLE, log);
    assertThat(log).hasContent("second");
  }

  @Test
  void runsInTheGivenDirectoryWithTheGivenEnvironmentAdded() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    Processes.Outcome outcome =
        Processes.shell(
            "pwd -P; echo \"$TUNER_TEST_VALUE\"; echo \"${PATH:+path-kept}\"",
            work,
            Map.of("TUNER_TEST_VALUE", "forty two"),
            AMPLE,
            log());
    assertThat(outcome.output().lines())
        .containsExactly(work.toRealPath().toString(), "forty two", "path-kept");
  }

  @Test
  void theCommandReadsAnEmptyStdinInsteadOfWaitingForInput() throws Exception {
    // With an open pipe as stdin, cat would wait for input until the deadline.
    Processes.Outcome outcome =
        Processes.shell("cat; echo stdin-ended", dir, Map.of(), AMPLE, log());
    assertThat(outcome.timedOut()).isFalse();
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.output()).isEqualTo("stdin-ended\n");
  }

  @Test
  void shellRunsTheLineWithBash() throws Exception {
    Processes.Outcome outcome =
        Processes.shell(
            "[[ abc == a* ]] && echo \"${BASH_VERSION:+bash}\"", dir, Map.of(), AMPLE, log());
    assertThat(outcome.output()).isEqualTo("bash\n");
  }

  @Test
  void aMissingProgramIsAnIOExceptionNamingIt() {
    assertThatThrownBy(
            () -> Processes.run(List.of("no-such-program-tuner-test"), dir, Map.of(), AMPLE, log()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no-such-program-tuner-test");
  }

  @Test
  void aCommandPastItsDeadlineIsKilledWithItsChildrenAndGrandchildrenKeepingItsOutputSoFar()
      throws Exception {
    String command =
        "echo started; sleep 30 & echo $! > child.pid; "
            + "(sleep 30 & echo $! > grandchild.pid; wait) & wait";
    Processes.Outcome outcome =
        Processes.shell(command, dir, Map.of(), Duration.ofSeconds(1), log());
    assertThat(outcome.timedOut()).isTrue();
    assertThat(outcome.ok()).isFalse();
    assertThat(outcome.exitCode()).isEqualTo(-1);
    // The shell may live long enough to report its killed children after this line.
    assertThat(outcome.output()).startsWith("started\n");
    assertGone(pid(dir.resolve("child.pid")));
    assertGone(pid(dir.resolve("grandchild.pid")));
  }

  @Test
  void killTreeKillsTheProcessAndItsChildren() throws Exception {
    Process process =
        new ProcessBuilder("bash", "-c", "sleep 30 & echo $! > child.pid; wait")
            .directory(dir.toFile())
            .start();
    Path pidFile = dir.resolve("child.pid");
    for (int i = 0; i < 100 && (!Files.exists(pidFile) || Files.size(pidFile) == 0); i++) {
      Thread.sleep(50);
    }
    long child = pid(pidFile);
    assertThat(running(child)).isTrue();
    Processes.killTree(process);
    assertThat(process.isAlive()).isFalse();
    assertGone(child);
  }

  @Test
  void anInterruptedCallerKillsTheCommandAndKeepsItsInterruptFlag() throws Exception {
    Path pidFile = dir.resolve("child.pid");
    CompletableFuture<Object> result = new CompletableFuture<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                Processes.shell(
                    "sleep 30 & echo $! > child.pid; wait", dir, Map.of(), AMPLE, log());
                result.complete("returned");
              } catch (IOException e) {
                result.complete(new Object[] {e, Thread.currentThread().isInterrupted()});
              }
            });
    caller.start();
    for (int i = 0; i < 100 && (!Files.exists(pidFile) || Files.size(pidFile) == 0); i++) {
      Thread.sleep(50);
    }
    long child = pid(pidFile);
    caller.interrupt();
    Object outcome = result.get(30, TimeUnit.SECONDS);
    assertThat(outcome).isInstanceOf(Object[].class);
    Object[] thrown = (Object[]) outcome;
    assertThat((IOException) thrown[0]).hasMessageContaining("interrupted while running bash");
    assertThat((Boolean) thrown[1]).as("interrupt flag after the exception").isTrue();
    assertGone(child);
  }

  @Test
  void tailKeepsTheLastLinesOfTheOutput() throws Exception {
    Processes.Outcome outcome = Processes.shell("seq 1 10", dir, Map.of(), AMPLE, log());
    assertThat(outcome.tail(3)).isEqualTo("8\n9\n10");
    assertThat(outcome.tail(100))
        .isEqualTo(String.join("\n", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"));
  }

  @Test
  void aLogThatIsGoneReadsAsAnExplanationRatherThanAnException() {
    Processes.Outcome outcome =
        new Processes.Outcome(1, false, Duration.ZERO, dir.resolve("missing.log"));
    assertThat(outcome.tail(5)).startsWith("(output unreadable: ").contains("missing.log");
    assertThat(outcome.output()).isEmpty();
  }
}

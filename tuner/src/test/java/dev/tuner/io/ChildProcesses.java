package dev.tuner.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Processes a test command started in the background, known by the pid it wrote to a file ({@code
 * echo $! > f}).
 */
public final class ChildProcesses {

  private ChildProcesses() {}

  /** The pid a shell wrote to {@code pidFile}. */
  public static long pid(Path pidFile) throws IOException {
    assertThat(pidFile).as("the command wrote its child's pid before it was stopped").exists();
    return Long.parseLong(Files.readString(pidFile).trim());
  }

  /**
   * Fails unless the process is gone. A killed process may take a moment to be reaped by whoever
   * inherits it (and an orphan may stay a zombie, which runs nothing): this waits for that, not for
   * the process to finish on its own.
   */
  public static void assertGone(long pid) throws Exception {
    for (int i = 0; i < 100; i++) {
      if (!running(pid)) {
        return;
      }
      Thread.sleep(100);
    }
    fail("process " + pid + " is still running");
  }

  /** Whether {@code pid} is a live process: it exists and is not a zombie. */
  public static boolean running(long pid) throws IOException {
    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
      } catch (NoSuchFileException e) {
        return false;
      }
    }
    return false;
  }
}

package dev.tuner.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command with a deadline; a command past it is killed with its whole process tree (a
 * build's forked compilers, a benchmark's forked JVMs), so a runaway stage can never outlive its
 * budget. Every child process of the tuner is set up by {@link #builder} and ended by {@link
 * #killTree} or {@link #stop}.
 */
public final class Processes {

  private Processes() {}

  /**
   * How a command ended: its exit code (or timed out), how long it took, and its combined output.
   */
  public record Outcome(int exitCode, boolean timedOut, Duration elapsed, Path log) {

    public boolean ok() {
      return !timedOut && exitCode == 0;
    }

    /** The last lines of the output, each prefixed for quoting in a message. */
    public String tail(int lines) {
      try {
        Deque<String> last = new ArrayDeque<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
          last.addLast(line);
          if (last.size() > lines) {
            last.removeFirst();
          }
        }
        return String.join("\n", last);
      } catch (IOException e) {
        return "(output unreadable: " + e.getMessage() + ")";
      }
    }

    public String output() {
      try {
        return Files.readString(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }
  }

  /** Runs {@code command} in {@code dir}, output (stdout and stderr) to {@code log}. */
  public static Outcome run(
      List<String> command, Path dir, Map<String, String> env, Duration timeout, Path log)
      throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder builder =
        builder(command, dir, env)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    long start = System.nanoTime();
    Process process = builder.start();
    boolean done;
    try {
      done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
    if (!done) {
      killTree(process);
    }
    return new Outcome(
        done ? process.exitValue() : -1, !done, Duration.ofNanos(System.nanoTime() - start), log);
  }

  /** Runs a shell command line with {@code bash -c}. */
  public static Outcome shell(
      String commandLine, Path dir, Map<String, String> env, Duration timeout, Path log)
      throws IOException {
    return run(List.of("bash", "-c", commandLine), dir, env, timeout, log);
  }

  /**
   * A child process's builder: {@code command} in {@code dir} (null: this JVM's working directory),
   * with {@code env} added to this JVM's environment, input and output piped until the caller
   * redirects them.
   */
  public static ProcessBuilder builder(List<String> command, Path dir, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(command);
    if (dir != null) {
      builder.directory(dir.toFile());
    }
    builder.environment().putAll(env);
    return builder;
  }

  /**
   * Asks a process to end (SIGTERM, so a server can close its sockets), and kills it with its tree
   * when it has not ended within {@code grace}.
   */
  public static void stop(Process process, Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        killTree(process);
      }
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Kills a process and every descendant, children first so none is re-parented and left running.
   */
  public static void killTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

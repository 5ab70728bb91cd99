package dev.tuner.io;

import dev.tuner.harness.ParentWatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a new JVM on a class path, relaying its output line by line, so code under
 * test never runs inside the tuner's JVM.
 */
public final class JavaFork {

  private JavaFork() {}

  /** Runs {@code mainClass} with {@code args}, in {@code workDir}, and returns its exit code. */
  public static int run(
      Path workDir,
      Classpath classpath,
      List<String> jvmArgs,
      String mainClass,
      List<String> args,
      Map<String, String> env,
      PrintWriter out,
      PrintWriter err)
      throws IOException {
    return run(workDir, classpath, jvmArgs, mainClass, args, env, out, err, null);
  }

  /**
   * Like {@link #run(Path, Classpath, List, String, List, Map, PrintWriter, PrintWriter)}, killing
   * the JVM and everything it started when {@code timeout} (null: none) has passed.
   *
   * @throws TimedOutException when it was killed for running too long
   */
  public static int run(
      Path workDir,
      Classpath classpath,
      List<String> jvmArgs,
      String mainClass,
      List<String> args,
      Map<String, String> env,
      PrintWriter out,
      PrintWriter err,
      Duration timeout)
      throws IOException {
    Process process = start(workDir, classpath, jvmArgs, mainClass, args, env);
    process.getOutputStream().close();
    Thread relayErr = relay(process.getErrorStream(), err);
    Thread relayOut = relay(process.getInputStream(), out);
    try {
      if (timeout != null && !process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        Processes.killTree(process);
        throw new TimedOutException(
            mainClass + " ran past " + timeout.toSeconds() + " s and was killed");
      }
      int code = process.waitFor();
      relayOut.join();
      relayErr.join();
      return code;
    } catch (InterruptedException e) {
      Processes.killTree(process);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + mainClass, e);
    }
  }

  /** A forked JVM ran past its time and was killed. */
  public static final class TimedOutException extends IOException {
    public TimedOutException(String message) {
      super(message);
    }
  }

  /**
   * Starts {@code mainClass} on the class path in {@code workDir}, its input, output and error
   * piped to the caller, who reads them (or lets {@link #relay} read them) so a full pipe never
   * stalls it, and ends it with {@link Processes#killTree}. The harness's mains end themselves when
   * this JVM ends ({@link ParentWatch}), so a tuner stopped by a signal leaves none running.
   */
  public static Process start(
      Path workDir,
      Classpath classpath,
      List<String> jvmArgs,
      String mainClass,
      List<String> args,
      Map<String, String> env)
      throws IOException {
    List<String> watched = new ArrayList<>(jvmArgs);
    watched.add(endWithThisJvm());
    return Processes.builder(command(classpath, watched, mainClass, args), workDir, env).start();
  }

  /** The JVM option that makes a forked harness main end when this JVM ends. */
  public static String endWithThisJvm() {
    return "-D" + ParentWatch.PROPERTY + "=" + ProcessHandle.current().pid();
  }

  /**
   * The command line that runs {@code mainClass} on the class path with this JVM's {@code java}.
   */
  public static List<String> command(
      Classpath classpath, List<String> jvmArgs, String mainClass, List<String> args) {
    return java(jvmArgs, List.of("-cp", classpath.toString(), mainClass), args);
  }

  /** The command line that runs an executable jar with this JVM's {@code java}. */
  public static List<String> jarCommand(Path jar, List<String> jvmArgs, List<String> args) {
    return java(jvmArgs, List.of("-jar", jar.toString()), args);
  }

  /** {@code java} of the JDK the tuner runs on, its options, what to run, and its arguments. */
  private static List<String> java(List<String> jvmArgs, List<String> target, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.addAll(target);
    command.addAll(args);
    return command;
  }

  /** Copies a stream to a writer line by line on a daemon thread, until the stream ends. */
  public static Thread relay(InputStream in, PrintWriter to) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  synchronized (to) {
                    to.println(line);
                    to.flush();
                  }
                }
              } catch (IOException ignored) {
                // The process ended; whatever it printed has been relayed.
              }
            },
            "relay");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}

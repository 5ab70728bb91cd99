package dev.tuner.io;

import java.nio.file.Files;
import java.nio.file.Path;

/** What {@link JavaForkTest} runs in a forked JVM. */
public final class ForkedMain {

  private ForkedMain() {}

  /**
   * {@code report <exit code>}: prints its arguments, two system properties and an environment
   * variable, then exits with the code; {@code hang <pid file>}: starts a {@code sleep 30}, writes
   * its pid to the file and waits for it.
   */
  public static void main(String[] args) throws Exception {
    if (args[0].equals("report")) {
      System.out.println("property=" + System.getProperty("tuner.test.property"));
      System.err.println("env=" + System.getenv("TUNER_TEST_VALUE"));
      System.out.println("dir=" + Path.of("").toAbsolutePath());
      System.out.println("parent=" + System.getProperty("tuner.parentPid"));
      System.exit(Integer.parseInt(args[1]));
    }
    Process sleep = new ProcessBuilder("sleep", "30").start();
    Files.writeString(Path.of(args[1]), Long.toString(sleep.pid()));
    sleep.waitFor();
  }
}

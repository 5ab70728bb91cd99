package dev.tuner.io;

import static dev.tuner.io.ChildProcesses.assertGone;
import static dev.tuner.io.ChildProcesses.pid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaForkTest {

  @TempDir Path dir;

  /** The test classes, standing in for a build: they hold {@link ForkedMain}. */
  private static Classpath classes() throws Exception {
    return Classpath.of(
        Path.of(ForkedMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
  }

  @Test
  void runsTheMainClassOnTheClassPathInTheWorkDirRelayingItsOutputAndReturningItsExitCode()
      throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        JavaFork.run(
            dir,
            classes(),
            List.of("-Dtuner.test.property=p1"),
            ForkedMain.class.getName(),
            List.of("report", "7"),
            Map.of("TUNER_TEST_VALUE", "e1"),
            new PrintWriter(out),
            new PrintWriter(err),
            Duration.ofSeconds(60));
    assertThat(code).isEqualTo(7);
    // The fork watches this JVM (ParentWatch): a tuner stopped by a signal leaves no fork behind.
    assertThat(out.toString().lines())
        .containsExactly(
            "property=p1", "dir=" + dir.toRealPath(), "parent=" + ProcessHandle.current().pid());
    assertThat(err.toString().lines()).containsExactly("env=e1");
  }

  @Test
  void aForkPastItsTimeoutIsKilledWithWhatItStartedAndNamedInTheException() throws Exception {
    Path pidFile = dir.resolve("sleep.pid");
    assertThatThrownBy(
            () ->
                JavaFork.run(
                    dir,
                    classes(),
                    List.of(),
                    ForkedMain.class.getName(),
                    List.of("hang", pidFile.toString()),
                    Map.of(),
                    new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter()),
                    Duration.ofSeconds(5)))
        .isInstanceOf(JavaFork.TimedOutException.class)
        .hasMessage(ForkedMain.class.getName() + " ran past 5 s and was killed");
    assertGone(pid(pidFile));
  }

  @Test
  void theCommandUsesThisJvmsJavaWithOptionsBeforeTheClassAndArgumentsAfter() {
    List<String> command =
        JavaFork.command(
            Classpath.of(Path.of("/a/b.jar"), Path.of("/c/classes")),
            List.of("-Xmx64m"),
            "x.Main",
            List.of("one"));
    assertThat(command)
        .containsExactly(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx64m",
            "-cp",
            "/a/b.jar" + java.io.File.pathSeparator + "/c/classes",
            "x.Main",
            "one");
  }
}

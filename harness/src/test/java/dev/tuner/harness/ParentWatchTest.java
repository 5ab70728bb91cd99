package dev.tuner.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A forked JVM that watches a parent ends when the parent ends, however it ended. A {@code sleep}
 * process stands in for the tuner, since the test's own JVM cannot be killed.
 */
class ParentWatchTest {

  private Process parent;
  private Process child;

  /** What the forked JVM runs: watch, then wait for ever. */
  public static final class Watched {
    public static void main(String[] args) throws Exception {
      ParentWatch.endWithParent();
      System.out.println("watching");
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  @AfterEach
  void cleanUp() {
    for (Process p : new Process[] {child, parent}) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void aWatchingJvmEndsWhenItsParentIsKilled() throws Exception {
    parent = new ProcessBuilder("sleep", "600").start();
    child = watching(parent.pid());
    assertThat(child.inputReader().readLine()).isEqualTo("watching");
    assertThat(child.isAlive()).isTrue();

    parent.destroyForcibly().waitFor();

    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child ended").isTrue();
    assertThat(child.exitValue()).isEqualTo(ExitCode.ENVIRONMENT);
  }

  @Test
  void aParentThatIsAlreadyGoneEndsTheJvmAtOnce() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    child = watching(gone.pid());
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child ended").isTrue();
    assertThat(child.exitValue()).isEqualTo(ExitCode.ENVIRONMENT);
    assertThat(child.inputReader().readLine()).isNull();
  }

  @Test
  void aPropertyThatIsNotAProcessIdIsRefusedByName() {
    String before = System.getProperty(ParentWatch.PROPERTY);
    System.setProperty(ParentWatch.PROPERTY, "tuner");
    try {
      assertThatThrownBy(ParentWatch::endWithParent)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("-Dtuner.parentPid must be a process id, not 'tuner'");
    } finally {
      if (before == null) {
        System.clearProperty(ParentWatch.PROPERTY);
      } else {
        System.setProperty(ParentWatch.PROPERTY, before);
      }
    }
  }

  @Test
  void withoutThePropertyNothingIsWatched() {
    assertThat(System.getProperty(ParentWatch.PROPERTY)).isNull();
    ParentWatch.endWithParent(); // would halt this JVM if it watched anything
  }

  private static Process watching(long pid) throws Exception {
    String classes =
        Path.of(Watched.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            + java.io.File.pathSeparator
            + Path.of(
                ParentWatch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return new ProcessBuilder(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + ParentWatch.PROPERTY + "=" + pid,
                "-cp",
                classes,
                Watched.class.getName()))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }
}

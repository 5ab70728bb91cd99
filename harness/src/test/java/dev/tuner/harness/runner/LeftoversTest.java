package dev.tuner.harness.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** What a closed build leaves behind: its threads and the JVM-wide settings it changed. */
class LeftoversTest {

  @Test
  void aThreadHoldingTheBuildsLoaderIsLeftUntilItEnds() throws Exception {
    CountDownLatch end = new CountDownLatch(1);
    try (URLClassLoader loader =
        new URLClassLoader("build-t1", new URL[0], ClassLoader.getPlatformClassLoader())) {
      Thread poller = new Thread(() -> await(end), "poller");
      poller.setContextClassLoader(loader); // as a thread the build's code started inherits it
      poller.setDaemon(true);
      poller.start();

      assertThat(Leftovers.threadsOf("build-t1")).containsExactly("poller");
      assertThat(Leftovers.threadsOf("build-t2")).isEmpty();
      assertThat(Leftovers.of("build-t1", Leftovers.Globals.now()))
          .isEqualTo("build build-t1 left thread 'poller' still runs");

      end.countDown();
      poller.join();
      assertThat(Leftovers.of("build-t1", Leftovers.Globals.now())).isNull();
    }
  }

  @Test
  void aChangedSystemPropertyIsNamedButItsValueIsNotShown() throws Exception {
    Leftovers.Globals before = Leftovers.Globals.now();
    System.setProperty("leftovers.test.token", "s3cr3t");
    try {
      String left = Leftovers.of("build-t3", before);

      assertThat(left)
          .isEqualTo("build build-t3 left system property leftovers.test.token changed")
          .doesNotContain("s3cr3t");
    } finally {
      System.clearProperty("leftovers.test.token");
    }
    assertThat(Leftovers.of("build-t3", before)).isNull();
  }

  @Test
  void aChangedDefaultLocaleIsLeftBehind() throws Exception {
    Leftovers.Globals before = Leftovers.Globals.now();
    Locale was = Locale.getDefault();
    Locale.setDefault(was.equals(Locale.GERMANY) ? Locale.FRANCE : Locale.GERMANY);
    try {
      assertThat(Leftovers.of("build-t4", before)).contains("the default locale changed");
    } finally {
      Locale.setDefault(was);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

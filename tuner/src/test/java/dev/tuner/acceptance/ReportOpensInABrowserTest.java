package dev.tuner.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tuner.cli.Main;
import dev.tuner.harness.ExitCode;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of a real optimize run, opened by headless Chromium with the network off: it
 * renders (the screenshot is neither blank nor plain). Skipped, saying why, where Chromium is not
 * installed ({@code apt-get install chromium}).
 */
class ReportOpensInABrowserTest {

  /** A log written by a real {@code tuner optimize} run; see the README next to it. */
  static final Path RUN_LOG =
      ExampleUpstream.REPO.resolve("tuner/src/test/resources/review/optimize-run.jsonl");

  @TempDir Path dir;

  @Test
  void theHtmlReportOfARealRunRendersInHeadlessChromium() throws Exception {
    Optional<Path> chromium = chromium();
    assumeTrue(
        chromium.isPresent(),
        "Chromium is not installed (/usr/bin/chromium or chromium on PATH):"
            + " apt-get install chromium to run this test");
    Path html = dir.resolve("report.html");
    StringWriter out = new StringWriter();
    int code =
        new Main(new PrintWriter(out), new PrintWriter(out), Map.of())
            .run("report", "--log", RUN_LOG.toString(), "--html", html.toString());
    assertThat(code).as(out.toString()).isEqualTo(ExitCode.OK);

    Path screenshot = dir.resolve("screenshot.png");
    Process browser =
        new ProcessBuilder(
                chromium.get().toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")),
                "--screenshot=" + screenshot,
                "--window-size=1280,1600",
                html.toUri().toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("chromium.log").toFile())
            .start();
    try {
      assertThat(browser.waitFor(120, TimeUnit.SECONDS))
          .as("chromium finished within 2 min")
          .isTrue();
    } finally {
      browser.descendants().forEach(ProcessHandle::destroyForcibly);
      browser.destroyForcibly();
    }
    assertThat(screenshot).as(Files.readString(dir.resolve("chromium.log"))).isRegularFile();
    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertThat(image.getWidth()).isEqualTo(1280);
    // A blank or unstyled page has a handful of colours; the chart's antialiased lines and markers,
    // the
    // status badges and the text give hundreds.
    assertThat(distinctColours(image)).isGreaterThan(200);
    assertThat(hasColour(image, 0x1a9e4b)).as("a kept try's green (badge or marker)").isTrue();
  }

  static Optional<Path> chromium() {
    Path usual = Path.of("/usr/bin/chromium");
    if (Files.isExecutable(usual)) {
      return Optional.of(usual);
    }
    String path = System.getenv("PATH");
    return path == null
        ? Optional.empty()
        : Stream.of(path.split(File.pathSeparator))
            .map(p -> Path.of(p, "chromium"))
            .filter(Files::isExecutable)
            .findFirst();
  }

  static int distinctColours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y) & 0xffffff);
      }
    }
    return colours.size();
  }

  static boolean hasColour(BufferedImage image, int rgb) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          return true;
        }
      }
    }
    return false;
  }
}

package dev.tuner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.harness.ExitCode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tuner report}: the summary of a hand-written log, the files it writes, and its errors. */
class ReportCommandTest {

  static final Path SMALL = LogCommandTest.SMALL;

  @TempDir Path dir;

  @Test
  void summarisesBaselineToBestCountsTopChangesHoldoutTokensCostAndWallTime() {
    CliRun run = CliRun.of("report", "--log", SMALL.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    assertThat(run.out().lines().toList())
        .contains(
            "portfolio-scorer · segment 1 · branch tuner/t1 · 2026-11-20T09:01:00Z → 2026-11-21T12:00:00Z",
            // 0.9 × 0.95 = 0.855 for p50; bounds 0.85 × 0.9 and 0.95 × 0.99
            "  p50        60.00 ms → 51.30 ms  -14.5% [-23.5, -5.9] over 2 kept steps",
            "  p95        100.00 ms → 72.00 ms  -28.0% [-36.3, -19.3] over 2 kept steps",
            "  best       run 5 fffffff batch the reference calls",
            "  tries      5 (baseline 1, keep 2, discard 1, parity_failed 1)",
            "  hold-out   improved; parity holds; p50 -14.0% [-20.0, -8.0]; p95 -27.0% [-32.0, -21.0]",
            "  tokens     4,600 in, 850 out",
            "  cost       $0.10",
            "  wall time  9.6 min (propose 70 s, build 2.5 min, parity 25 s, bench 5.5 min)",
            "  top 3 by p95_ms change:",
            "    run 1 bbbbbbb keep -20.0% [-25.0, -15.0]: cache the parsed JSON",
            "    run 5 fffffff keep -10.0% [-15.0, -5.0]: batch the reference calls",
            "    run 2 ccccccc discard -2.0% [-7.0, +3.0]: presize the map");
    assertThat(run.err()).contains(":5: damaged record skipped");
  }

  @Test
  void writesHtmlPngAndSvgWhereAsked() throws Exception {
    Path html = dir.resolve("out/r.html");
    Path png = dir.resolve("out/r.png");
    Path svg = dir.resolve("out/r.svg");
    CliRun run =
        CliRun.of(
            "report",
            "--log",
            SMALL.toString(),
            "--html",
            html.toString(),
            "--png",
            png.toString(),
            "--svg",
            svg.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).contains("wrote " + html, "wrote " + png, "wrote " + svg);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(ReportCommand.CHART_WIDTH);
    assertThat(Files.readString(svg)).contains("<svg").contains("</svg>");
    assertThat(Files.readString(html))
        .startsWith("<!DOCTYPE html>")
        .contains("data:image/png;base64,")
        .contains("batch the reference calls")
        .contains("one call instead of three");
    try (var files = Files.list(html.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no temporary file left")
          .containsExactlyInAnyOrder("r.html", "r.png", "r.svg");
    }
  }

  @Test
  void withoutFileTheHtmlGoesUnderDotTunerReport() throws Exception {
    Path log = Files.createDirectories(dir.resolve(".tuner")).resolve("experiments.jsonl");
    Files.copy(SMALL, log);
    CliRun run =
        CliRun.of("report", "--spec", dir.resolve("tuner.yaml").toString(), "--html", "--png");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    assertThat(dir.resolve(".tuner/report/report.html")).isRegularFile();
    assertThat(dir.resolve(".tuner/report/chart.png")).isRegularFile();
    assertThat(run.out()).contains("wrote " + dir.resolve(".tuner/report/report.html"));
  }

  @Test
  void aMissingLogAnEmptyLogAndAnUnknownSegmentExitTwo() throws Exception {
    CliRun missing = CliRun.of("report", "--log", dir.resolve("nope.jsonl").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(missing.err()).contains("no experiment log at " + dir.resolve("nope.jsonl"));
    Path empty = Files.createFile(dir.resolve("empty.jsonl"));
    CliRun nothing =
        CliRun.of("report", "--log", empty.toString(), "--html", dir.resolve("x.html").toString());
    assertThat(nothing.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(nothing.err()).contains("has no experiments to report on");
    assertThat(dir.resolve("x.html")).doesNotExist();
    CliRun segment = CliRun.of("report", "--log", SMALL.toString(), "--segment", "7");
    assertThat(segment.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(segment.err()).contains("--segment 7");
  }

  @Test
  void chartsAPiAutoresearchLogInItsOwnUnit() throws Exception {
    Path png = dir.resolve("pi.png");
    CliRun run =
        CliRun.of("report", "--log", LogCommandTest.PI.toString(), "--png", png.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).contains("top 1 by metric change:", "run 2 b2c3d4e keep -5.0%: lr up");
    assertThat(ImageIO.read(png.toFile())).isNotNull();
  }
}

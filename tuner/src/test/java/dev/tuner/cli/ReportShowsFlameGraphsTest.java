package dev.tuner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.harness.ExitCode;
import dev.tuner.profile.Profile;
import dev.tuner.profile.ProfileStore;
import dev.tuner.profile.Stacks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tuner report} with the profiles a run kept next to its log: the page embeds the three
 * flame graphs, {@code --flame} writes one with its collapsed stacks, and a missing profile or an
 * unknown kind is a usage error that names it. The profiles are synthetic, with a known answer.
 */
class ReportShowsFlameGraphsTest {

  static final Path RUN_LOG = Path.of("src/test/resources/review/optimize-run.jsonl");
  static final String BASELINE = "6fc0bc1c97db3cb11b09135513390faab838ea1f";
  static final String BEST = "436df875fd67358fc0eda57bf60d04f98d2a37a3";

  @TempDir Path dir;

  Path log() throws Exception {
    Path log = Files.createDirectories(dir.resolve(".tuner")).resolve("experiments.jsonl");
    Files.copy(RUN_LOG, log);
    return log;
  }

  void profiles() throws Exception {
    ProfileStore store = new ProfileStore(dir.resolve(".tuner/profiles"));
    store.save(
        BASELINE,
        List.of("ai-default"),
        41.5,
        profile("app.Hot.run;app.Slow.parse 80\napp.Hot.run;app.Io.read 20\n"),
        null);
    store.save(
        BEST,
        List.of("ai-default"),
        40.2,
        profile("app.Hot.run;app.Fast.parse 10\napp.Hot.run;app.Io.read 20\n"),
        null);
  }

  static Profile profile(String cpu) {
    return new Profile(
        Stacks.parse(cpu),
        Stacks.parse("app.Hot.run;byte[] (allocated) 4096\n"),
        new Profile.Gc(2, 3.5, 2.0, 4.0),
        Set.of("app"));
  }

  @Test
  void theHtmlReportEmbedsTheBestsCpuAndAllocationGraphsAndTheDifferentialOne() throws Exception {
    Path log = log();
    profiles();
    Path html = dir.resolve("report.html");
    CliRun run = CliRun.of("report", "--log", log.toString(), "--html", html.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    String page = Files.readString(html);
    assertThat(page.split("<svg ", -1)).hasSize(4);
    assertThat(page)
        .contains(
            "Where the time goes",
            "CPU of the best, 436df87",
            "Allocations of the best, 436df87",
            "CPU, baseline 6fc0bc1 → best 436df87",
            "<title>app.Slow.parse (80.00% → 0.00%, -80.00 points)</title>",
            "taken in 42 s",
            "taken in 40 s")
        .doesNotContain("<script");
  }

  @Test
  void flameWritesOneGraphAndItsCollapsedStacks() throws Exception {
    Path log = log();
    profiles();
    Path svg = dir.resolve("out/diff.svg");
    CliRun run =
        CliRun.of(
            "report", "--log", log.toString(), "--flame", svg.toString(), "--flame-of", "diff");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    assertThat(Files.readString(svg)).startsWith("<svg ").contains("app.Fast.parse");
    assertThat(Files.readString(dir.resolve("out/diff.collapsed")))
        .isEqualTo(
            "app.Hot.run;app.Fast.parse 0 10\n"
                + "app.Hot.run;app.Io.read 20 20\n"
                + "app.Hot.run;app.Slow.parse 80 0\n");

    Path cpu = dir.resolve("out/cpu.svg");
    assertThat(CliRun.of("report", "--log", log.toString(), "--flame", cpu.toString()).exitCode())
        .isEqualTo(ExitCode.OK);
    assertThat(Files.readString(dir.resolve("out/cpu.collapsed")))
        .isEqualTo("app.Hot.run;app.Fast.parse 10\napp.Hot.run;app.Io.read 20\n");
  }

  @Test
  void withoutProfilesFlameIsAUsageErrorThatSaysHowToTakeOne() throws Exception {
    Path log = log();
    Path svg = dir.resolve("cpu.svg");
    CliRun run = CliRun.of("report", "--log", log.toString(), "--flame", svg.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("no profile of the best", "tuner profile REV");
    assertThat(svg).doesNotExist();

    CliRun kind =
        CliRun.of("report", "--log", log.toString(), "--flame", "x.svg", "--flame-of", "heap");
    assertThat(kind.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(kind.err()).contains("--flame-of heap: expected cpu, alloc or diff");

    // Without profiles the page has no flame graphs, and nothing else changes.
    Path html = dir.resolve("r.html");
    assertThat(CliRun.of("report", "--log", log.toString(), "--html", html.toString()).exitCode())
        .isEqualTo(ExitCode.OK);
    assertThat(Files.readString(html)).doesNotContain("Where the time goes");
  }

  @Test
  void aDamagedProfileIsNamed() throws Exception {
    Path log = log();
    profiles();
    Files.writeString(dir.resolve(".tuner/profiles/" + BEST + "/cpu.collapsed"), "a;b many\n");
    CliRun run =
        CliRun.of("report", "--log", log.toString(), "--html", dir.resolve("r.html").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains(BEST + "/cpu.collapsed", "line 1");
    assertThat(dir.resolve("r.html")).doesNotExist();
  }

  @Test
  void profileNamesAnUnknownCaseOrRevisionBeforeBuildingAnything() {
    Path spec = Path.of("..").toAbsolutePath().normalize().resolve("tuner.yaml");
    CliRun unknownCase = CliRun.of("profile", "--spec", spec.toString(), "--case", "nope");
    assertThat(unknownCase.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(unknownCase.err()).contains("no case 'nope' in the spec");
    CliRun unknownRev = CliRun.of("profile", "--spec", spec.toString(), "no-such-rev");
    assertThat(unknownRev.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(unknownRev.err()).contains("unknown revision 'no-such-rev'");
  }
}

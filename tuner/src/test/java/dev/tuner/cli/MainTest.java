package dev.tuner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.error.CheckFailedException;
import dev.tuner.error.EnvironmentException;
import dev.tuner.error.UsageException;
import dev.tuner.harness.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {

  @TempDir Path dir;

  @Test
  void helpListsTheCommandsThatExistAndTheExitCodes() {
    CliRun run = CliRun.of("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("record ", "verify ", "Exit codes:", "0   success", "3   the environment failed");
  }

  @Test
  void everyCommandsHelpRendersWithoutAFormatWarning() {
    // picocli formats descriptions with String.format: a lone '%' makes it warn on System.err and
    // print the raw text, where a user sees it.
    PrintStream stderr = System.err;
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
    try {
      for (String command :
          new CommandLine(new Main(null, null, Map.of())).getSubcommands().keySet()) {
        assertThat(CliRun.of(command, "--help").exitCode()).as(command).isZero();
      }
    } finally {
      System.setErr(stderr);
    }
    assertThat(warnings.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
  }

  @Test
  void versionPrintsTheBuildsVersion() {
    CliRun run = CliRun.of("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).matches("tuner \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\s*");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    CliRun run = CliRun.of("verify", "--no-such-option");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("Unknown option: '--no-such-option'");
  }

  @Test
  void aMissingSpecIsAUsageErrorNamingTheFile() {
    CliRun run = CliRun.of("verify", "--spec", dir.resolve("tuner.yaml").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains(dir.resolve("tuner.yaml") + ": no such file");
  }

  @Test
  void anUnknownTopLevelKeyNamesItsLine() throws Exception {
    Path spec = dir.resolve("tuner.yaml");
    Files.writeString(spec, "name: x\nbudgett: 3\n");
    CliRun run = CliRun.of("verify", "--spec", spec.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains(spec + ":2: budgett: unknown key; expected one of:");
  }

  @Test
  void updateIsRefusedInCi() throws Exception {
    Path spec = dev.tuner.spec.MinimalSpec.write(dir, dev.tuner.spec.MinimalSpec.TEXT);
    CliRun run =
        CliRun.of(java.util.Map.of("CI", "true"), "verify", "--update", "--spec", spec.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("refused when CI=true");
  }

  @Test
  void exitCodesComeFromTheExceptionFamilyAndPicocli() {
    assertThat(Main.exitCodeOf(new UsageException("x"))).isEqualTo(ExitCode.USAGE);
    assertThat(Main.exitCodeOf(new CheckFailedException("x"))).isEqualTo(ExitCode.CHECK_FAILED);
    assertThat(Main.exitCodeOf(new EnvironmentException("x"))).isEqualTo(ExitCode.ENVIRONMENT);
    assertThat(
            Main.exitCodeOf(
                new CommandLine.ParameterException(
                    new CommandLine(new Main(null, null, java.util.Map.of())), "x")))
        .isEqualTo(ExitCode.USAGE);
    // The command line refuses every bad value before the engine sees it: an engine's
    // IllegalArgumentException is a bug, not a usage error.
    assertThat(Main.exitCodeOf(new IllegalArgumentException("x"))).isEqualTo(ExitCode.ENVIRONMENT);
  }

  @Test
  void aStepsExitCodeBecomesTheFailureOfThatCode() {
    assertThat(Main.failure(1, "m")).isInstanceOf(CheckFailedException.class).hasMessage("m");
    assertThat(Main.failure(2, "m")).isInstanceOf(UsageException.class);
    assertThat(Main.failure(3, "m")).isInstanceOf(EnvironmentException.class);
    assertThat(Main.failure(137, "m").exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
  }

  @Test
  void eachCommandKeepsItsOwnWordingOfTheSharedOptions() {
    assertThat(CliRun.of("record", "--help").out()).contains("Record only this case (repeatable).");
    assertThat(CliRun.of("verify", "--help").out())
        .contains("Verify only this case (repeatable).", "Verify only the hold-out cases.");
    assertThat(CliRun.of("bench", "--help").out())
        .contains(
            "Benchmark only this case (repeatable; default:",
            "Benchmark the hold-out cases instead of the tune cases.",
            "--forks=N",
            "--warmup=N:TIME");
    assertThat(CliRun.of("compare", "--help").out())
        .contains("Compare only this case", "interleaved (both builds in one JVM) or forks");
    assertThat(CliRun.of("calibrate", "--help").out())
        .contains(
            "Calibrate on this case only",
            "interleaved or forks (default:",
            "--looks=N",
            "--ops=N");
    assertThat(CliRun.of("compare", "--help").out()).doesNotContain("--holdout", "--looks");
  }
}

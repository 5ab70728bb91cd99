package dev.tuner.cli;

import dev.tuner.harness.ExitCode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  @TempDir Path dir;

  @Test
  void helpListsTheCommandsThatExistAndTheExitCodes() {
    CliRun run = CliRun.of("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("record ", "verify ", "Exit codes:", "0   success", "3   the environment failed");
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
    CliRun run = CliRun.of(java.util.Map.of("CI", "true"), "verify", "--update", "--spec", spec.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("refused when CI=true");
  }
}

package dev.tuner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.tuner.harness.ExitCode;
import dev.tuner.spec.MinimalSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every command refuses a bad option or an id the spec does not have before it builds or forks
 * anything: the spec's build writes a marker file, and no refusal may leave one.
 */
class CheapChecksTest {

  static final String MARKER = "built.marker";

  @TempDir Path root;
  Path spec;

  @BeforeEach
  void aSpecWhoseBuildLeavesAMarkerAndFails() throws Exception {
    spec =
        MinimalSpec.write(
            root,
            MinimalSpec.TEXT.replace(
                "build: {command: 'true', artifact: a.jar}",
                "build: {command: 'touch " + MARKER + "; exit 1', artifact: a.jar}"));
  }

  @Test
  void verifyOfAnUnknownCaseSaysSoWithoutBuilding() {
    CliRun run = CliRun.of("verify", "--spec", spec.toString(), "--case", "nope");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("tuner verify: no case 'nope' in the spec; cases: c");
    assertThat(root.resolve(MARKER)).as("the build ran").doesNotExist();
  }

  @Test
  void theBuildRunsWhenTheOptionsAreFine() {
    // The other tests' evidence is an absent marker: this one shows the build would write it.
    CliRun run = CliRun.of("verify", "--spec", spec.toString(), "--case", "c");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.ENVIRONMENT);
    assertThat(run.err()).contains("tuner verify: the build failed (exit 1)");
    assertThat(root.resolve(MARKER)).exists();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
"""
record --case nope                | no case 'nope' in the spec
verify --case c --case nope       | no case 'nope' in the spec
verify --holdout --case nope      | no case 'nope' in the spec
verify --phase nope               | --phase nope: no such phase
verify --transport pigeon         | option '--transport': unknown transport 'pigeon'
bench --case nope                 | no case 'nope' in the spec
bench --holdout                   | the spec has no hold-out cases
bench --forks 0                   | option '--forks': must be at least 1, got '0'
bench --warmup 5x                 | option '--warmup': expected N:TIME such as 5:1s, got '5x'
bench --warmup 5:1sec             | option '--warmup': expected N:TIME such as 5:1s, got '5:1sec'
bench --measure 0:1s              | option '--measure': needs at least 1 iteration, got '0:1s'
compare HEAD HEAD --case nope     | no case 'nope' in the spec
compare HEAD HEAD --design dice   | option '--design': must be interleaved or forks, got 'dice'
calibrate --case nope             | no case 'nope' in the spec
calibrate --looks 6,3             | --looks 6,3: must ascend
calibrate --looks 1,3             | option '--looks' (N): must be at least 2, got '1'
calibrate --ops 0                 | option '--ops': must be at least 1, got '0'
calibrate --aa 0                  | option '--aa': must be at least 1, got '0'
calibrate --splits -1             | option '--splits': must be at least 1, got '-1'
calibrate --changes 1,0           | option '--changes' (K): must be at least 1, got '0'
calibrate --target-power 1.5      | option '--target-power': must be above 0 and at most 1
calibrate --target-effect 0       | option '--target-effect': must be above 0 and below 1
calibrate --knob tuning.properties | option '--knob': expected RESOURCE:KEY
record --port 70000               | option '--port': must be a port from 0 to 65535
optimize --plateau 0              | option '--plateau': must be at least 1, got '0'
optimize --max-experiments -1     | option '--max-experiments': must be at least 0
optimize --max-cost -2            | option '--max-cost': must not be negative, got '-2'
optimize --proposer dice          | --proposer: 'dice' is not one of [patches, command, llm, knobs]
demo --max-minutes 0              | option '--max-minutes': must be at least 1, got '0'
""")
  void aBadOptionIsAUsageErrorNamingItBeforeAnyBuild(String command, String message) {
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.addAll(1, List.of("--spec", spec.toString()));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains(message);
    assertThat(root.resolve(MARKER)).as("the build ran").doesNotExist();
  }

  @Test
  void compareRefusesAnUnknownRevisionBeforeBuildingTheOther() throws Exception {
    try (Git git = Git.init().setDirectory(root.toFile()).call()) {
      git.add().addFilepattern("tuner.yaml").call();
      PersonIdent user = new PersonIdent("t", "t@example.com");
      git.commit().setMessage("spec").setAuthor(user).setCommitter(user).setSign(false).call();
    }
    CliRun run = CliRun.of("compare", "--spec", spec.toString(), "HEAD", "no-such-branch");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("tuner compare: unknown revision 'no-such-branch' in ");
    assertThat(root.resolve(".tuner/revisions")).as("HEAD was checked out").doesNotExist();
  }

  @Test
  void compareOutsideAGitRepositoryIsAUsageError() {
    assumeThat(new FileRepositoryBuilder().findGitDir(root.toFile()).getGitDir()).isNull();
    CliRun run = CliRun.of("compare", "--spec", spec.toString(), "HEAD", "HEAD~1");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("is not in a git repository");
  }
}

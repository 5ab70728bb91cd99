package dev.tuner.build;

import static dev.tuner.io.ChildProcesses.assertGone;
import static dev.tuner.io.ChildProcesses.pid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.io.Processes;
import dev.tuner.spec.BuildSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactTest {

  @TempDir Path root;

  private final StringWriter log = new StringWriter();

  private Path ensure(String command) throws Exception {
    return Artifact.ensure(
        root, new BuildSpec(command, "target/out.jar", 60), new PrintWriter(log));
  }

  private Path source(String text) throws Exception {
    Path file = root.resolve("src/Hot.java");
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  /** An artifact written an hour ago: older than any source written by the test. */
  private Path oldArtifact(String text) throws Exception {
    Path artifact = root.resolve("target/out.jar");
    Files.createDirectories(artifact.getParent());
    Files.writeString(artifact, text);
    Files.setLastModifiedTime(artifact, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    return artifact;
  }

  @Test
  void aMissingArtifactIsBuiltInTheRootWithTheSpecsCommand() throws Exception {
    source("class Hot {}");
    Path artifact = ensure("mkdir -p target && cat src/Hot.java > target/out.jar");
    assertThat(artifact).isEqualTo(root.resolve("target/out.jar")).hasContent("class Hot {}");
    assertThat(log.toString())
        .isEqualTo(
            "building: mkdir -p target && cat src/Hot.java > target/out.jar"
                + System.lineSeparator());
  }

  @Test
  void anArtifactNewerThanEverySourceIsUsedWithoutBuilding() throws Exception {
    Path artifact = oldArtifact("built");
    Files.setLastModifiedTime(
        source("class Hot {}"), FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    assertThat(ensure("echo would-fail; exit 1")).isEqualTo(artifact).hasContent("built");
    assertThat(log.toString()).isEmpty();
  }

  @Test
  void aSourceNewerThanTheArtifactBuildsItAgain() throws Exception {
    oldArtifact("stale");
    source("class Hot { int fresh; }");
    Path artifact = ensure("cat src/Hot.java > target/out.jar");
    assertThat(artifact).hasContent("class Hot { int fresh; }");
    assertThat(log.toString()).startsWith("building: ");
  }

  @Test
  void outputsRunStateAndRecordedEvidenceAreNotSources() throws Exception {
    Files.setLastModifiedTime(
        source("class Hot {}"), FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    oldArtifact("built");
    for (String path :
        new String[] {
          "target/classes/Hot.class",
          ".tuner/experiments.jsonl",
          ".git/index",
          "fixtures/c1/manifest.json",
          "goldens/c1.received.json",
          "node_modules/x/index.js",
          ".idea/workspace.xml",
          "module/target/module.jar"
        }) {
      Path file = root.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, "newer than the artifact");
    }
    assertThat(ensure("exit 1")).hasContent("built");
    assertThat(log.toString()).isEmpty();
  }

  @Test
  void aFailingBuildNamesItsExitCodeCommandAndTheEndOfItsOutput() throws Exception {
    String command = "echo compiling; echo 'Hot.java:3: error: cannot find symbol' >&2; exit 3";
    assertThatThrownBy(() -> ensure(command))
        .isInstanceOf(BuildFailedException.class)
        .hasMessage(
            "the build failed (exit 3): "
                + command
                + "\n  | compiling\n  | Hot.java:3: error: cannot find symbol");
  }

  @Test
  void aFailureQuotesOnlyTheLastThirtyLinesOfOutput() throws Exception {
    assertThatThrownBy(() -> ensure("seq -f 'line %03g' 1 100; exit 1"))
        .isInstanceOf(BuildFailedException.class)
        .satisfies(
            e -> {
              String quoted = e.getMessage().substring(e.getMessage().indexOf('\n') + 1);
              assertThat(quoted.lines()).hasSize(30).first().isEqualTo("  | line 071");
              assertThat(quoted.lines()).last().isEqualTo("  | line 100");
            });
  }

  @Test
  void aBuildThatSucceedsWithoutTheArtifactNamesThePathAndTheSpecKey() {
    assertThatThrownBy(() -> ensure("mkdir -p target && echo x > target/other.jar"))
        .isInstanceOf(BuildFailedException.class)
        .hasMessage(
            "the build succeeded but produced no artifact at "
                + root.resolve("target/out.jar")
                + " (build.artifact in tuner.yaml)");
  }

  @Test
  void aBuildPastItsTimeoutIsKilledWithItsChildrenAndSaysSo() throws Exception {
    String command = "sleep 30 & echo $! > compiler.pid; wait";
    assertThatThrownBy(
            () -> Artifact.ensure(root, new BuildSpec(command, "out.jar", 1), new PrintWriter(log)))
        .isInstanceOf(BuildFailedException.class)
        .hasMessage("the build ran past 1 s and was killed: " + command);
    assertGone(pid(root.resolve("compiler.pid")));
  }

  @Test
  void anArtifactLeftByAFailedBuildIsNotTakenAsUpToDate() throws Exception {
    source("class Hot {}");
    String command =
        "mkdir -p target && echo half > target/out.jar && echo 'tests failed' && exit 1";
    assertThatThrownBy(() -> ensure(command)).isInstanceOf(BuildFailedException.class);
    assertThatThrownBy(() -> ensure(command))
        .isInstanceOf(BuildFailedException.class)
        .hasMessageContaining("tests failed");
  }

  @Test
  void aBuildThatFailsOrTimesOutLeavesNoArtifact() throws Exception {
    Path artifact = oldArtifact("stale");
    Processes.Outcome failed =
        Artifact.build(
            root,
            new BuildSpec("echo half > target/out.jar; exit 1", "target/out.jar", 60),
            root.resolve("b.log"));
    assertThat(failed.ok()).isFalse();
    assertThat(artifact).doesNotExist();

    Processes.Outcome timedOut =
        Artifact.build(
            root,
            new BuildSpec(
                "mkdir -p target && echo half > target/out.jar && sleep 30", "target/out.jar", 1),
            root.resolve("b.log"));
    assertThat(timedOut.timedOut()).isTrue();
    assertThat(artifact).doesNotExist();
  }

  @Test
  void buildRunsTheCommandWithItsOutputInTheGivenLog() throws Exception {
    Path buildLog = root.resolve(".tuner/logs/try-1-build.log");
    Processes.Outcome outcome =
        Artifact.build(root, new BuildSpec("echo built here; pwd -P", "out.jar", 60), buildLog);
    assertThat(outcome.ok()).isTrue();
    assertThat(buildLog).hasContent("built here\n" + root.toRealPath());
  }

  @Test
  void describeFailureSaysWhetherTheBuildFailedOrTimedOut() throws Exception {
    Path buildLog = Files.writeString(root.resolve("build.log"), "[ERROR] BUILD FAILURE\n");
    BuildSpec spec = new BuildSpec("mvn -q package", "out.jar", 900);
    assertThat(
            Artifact.describeFailure(
                spec, new Processes.Outcome(1, false, Duration.ofSeconds(3), buildLog)))
        .isEqualTo("the build failed (exit 1): mvn -q package\n  | [ERROR] BUILD FAILURE");
    assertThat(
            Artifact.describeFailure(
                spec, new Processes.Outcome(-1, true, Duration.ofSeconds(900), buildLog)))
        .isEqualTo("the build ran past 900 s and was killed: mvn -q package");
  }
}

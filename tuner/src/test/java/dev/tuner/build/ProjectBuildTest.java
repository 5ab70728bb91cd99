package dev.tuner.build;

import static dev.tuner.io.ChildProcesses.assertGone;
import static dev.tuner.io.ChildProcesses.pid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.io.Classpath;
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

class ProjectBuildTest {

  @TempDir Path root;

  private final StringWriter log = new StringWriter();

  private static BuildSpec uberJar(String command, int timeoutSeconds) {
    return new BuildSpec(command, "target/out.jar", null, null, timeoutSeconds);
  }

  /** The artifact an uber-jar build gives, behind the runner. */
  private Path ensure(String command) throws Exception {
    Classpath built = ProjectBuild.ensure(root, uberJar(command, 60), new PrintWriter(log));
    assertThat(built.entries()).hasSize(2).first().isEqualTo(RunnerJar.path());
    return built.entries().get(1);
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
                + " (build.artifact)");
  }

  @Test
  void aBuildPastItsTimeoutIsKilledWithItsChildrenAndSaysSo() throws Exception {
    String command = "sleep 30 & echo $! > compiler.pid; wait";
    assertThatThrownBy(
            () ->
                ProjectBuild.ensure(
                    root, new BuildSpec(command, "out.jar", null, null, 1), new PrintWriter(log)))
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
        ProjectBuild.run(
            root, uberJar("echo half > target/out.jar; exit 1", 60), root.resolve("b.log"));
    assertThat(failed.ok()).isFalse();
    assertThat(artifact).doesNotExist();

    Processes.Outcome timedOut =
        ProjectBuild.run(
            root,
            uberJar("mkdir -p target && echo half > target/out.jar && sleep 30", 1),
            root.resolve("b.log"));
    assertThat(timedOut.timedOut()).isTrue();
    assertThat(artifact).doesNotExist();
  }

  @Test
  void buildRunsTheCommandWithItsOutputInTheGivenLog() throws Exception {
    Path buildLog = root.resolve(".tuner/logs/try-1-build.log");
    Processes.Outcome outcome =
        ProjectBuild.run(root, uberJar("echo built here; pwd -P", 60), buildLog);
    assertThat(outcome.ok()).isTrue();
    assertThat(buildLog).hasContent("built here\n" + root.toRealPath());
  }

  @Test
  void describeFailureSaysWhetherTheBuildFailedOrTimedOut() throws Exception {
    Path buildLog = Files.writeString(root.resolve("build.log"), "[ERROR] BUILD FAILURE\n");
    BuildSpec spec = uberJar("mvn -q package", 900);
    assertThat(
            ProjectBuild.describeFailure(
                root, spec, new Processes.Outcome(1, false, Duration.ofSeconds(3), buildLog)))
        .isEqualTo("the build failed (exit 1): mvn -q package\n  | [ERROR] BUILD FAILURE");
    assertThat(
            ProjectBuild.describeFailure(
                root, spec, new Processes.Outcome(-1, true, Duration.ofSeconds(900), buildLog)))
        .isEqualTo("the build ran past 900 s and was killed: mvn -q package");
  }

  @Test
  void aClasspathFileBuildGivesTheEntriesItWroteThatExistRelativeToTheRootBehindTheRunner()
      throws Exception {
    Files.createDirectories(root.resolve("lib"));
    Files.writeString(root.resolve("lib/dep.jar"), "jar");
    BuildSpec spec =
        new BuildSpec(
            "mkdir -p build/classes && printf 'build/classes:build/none:lib/dep.jar\\n' > build/cp.txt",
            null,
            "build/cp.txt",
            null,
            60);
    Classpath built = ProjectBuild.ensure(root, spec, new PrintWriter(log));
    assertThat(built.entries())
        .containsExactly(
            RunnerJar.path(), root.resolve("build/classes"), root.resolve("lib/dep.jar"));
  }

  @Test
  void withoutACommandMavenCompilesOfflineAndWritesTheModulesTestClassPath() {
    BuildSpec maven = new BuildSpec(null, null, null, "service", null);
    assertThat(ProjectBuild.command(root, maven, true))
        .isEqualTo(
            "mvn -B -q -Dstyle.color=never "
                + String.join(" ", ProjectBuild.SKIPPED_CHECKS)
                + " -o -pl service -am test-compile"
                + " org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath"
                + " -Dmdep.outputFile=target/tuner.classpath -Dmdep.includeScope=test");
    assertThat(ProjectBuild.marker(root, maven))
        .isEqualTo(root.resolve("service/target/tuner.classpath"));
    assertThat(ProjectBuild.command(root, BuildSpec.MAVEN, false))
        .contains(" -Dspotless.check.skip=true ")
        .doesNotContain(" -o ")
        .contains(" test-compile ");
  }

  @Test
  void aMavenProjectRunsOnItsTestClassesClassesAndTestClassPathItsOwnChecksSkipped()
      throws Exception {
    Files.writeString(
        root.resolve("pom.xml"),
        """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>t</groupId><artifactId>t</artifactId><version>1</version>
          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>
          <build>
            <plugins>
              <plugin>
                <artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version>
              </plugin>
              <plugin>
                <artifactId>maven-resources-plugin</artifactId><version>3.3.1</version>
              </plugin>
              <plugin>
                <!-- A check no benchmark build needs: here one that always fails. -->
                <artifactId>maven-enforcer-plugin</artifactId><version>3.5.0</version>
                <executions>
                  <execution>
                    <id>never</id>
                    <goals><goal>enforce</goal></goals>
                    <configuration>
                      <rules><requireMavenVersion><version>[99,)</version></requireMavenVersion></rules>
                    </configuration>
                  </execution>
                </executions>
              </plugin>
            </plugins>
          </build>
        </project>
        """);
    Path main = root.resolve("src/main/java/t/Hot.java");
    Files.createDirectories(main.getParent());
    Files.writeString(main, "package t; public class Hot {}");
    Path test = root.resolve("src/test/java/t/Adapter.java");
    Files.createDirectories(test.getParent());
    Files.writeString(test, "package t; public class Adapter {}");

    Classpath built =
        ProjectBuild.ensure(root, new BuildSpec(null, null, null, null, 600), new PrintWriter(log));

    assertThat(built.entries())
        .startsWith(
            RunnerJar.path(), root.resolve("target/test-classes"), root.resolve("target/classes"));
    assertThat(root.resolve("target/test-classes/t/Adapter.class")).exists();
    assertThat(root.resolve("target/classes/t/Hot.class")).exists();
  }

  @Test
  void aMavenBuildWithoutAPomNamesTheDirectoryAndWhatToGiveInstead() {
    assertThatThrownBy(
            () ->
                ProjectBuild.ensure(
                    root, new BuildSpec(null, null, null, "service", 60), new PrintWriter(log)))
        .isInstanceOf(BuildFailedException.class)
        .hasMessage(
            "no pom.xml in "
                + root.resolve("service")
                + " (build.module): without build.command tuner builds with Maven; for another"
                + " build tool give build.command and build.classpathFile (or build.artifact) in"
                + " tuner.yaml");
  }
}

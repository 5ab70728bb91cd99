package dev.tuner.cli;

import static dev.tuner.init.InitProjects.POM;
import static dev.tuner.init.InitProjects.POM_INSERT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.harness.ExitCode;
import dev.tuner.harness.HarnessVersion;
import dev.tuner.harness.HotPath;
import dev.tuner.harness.Upstreams;
import dev.tuner.harness.spec.CaseSpec;
import dev.tuner.harness.spec.Contract;
import dev.tuner.harness.spec.Split;
import dev.tuner.init.InitProjects;
import dev.tuner.spec.BuildSpec;
import dev.tuner.spec.TunerSpec;
import java.net.URI;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tuner init} end to end, on temporary Maven and Gradle projects. */
class InitCommandTest {

  private static final String ADAPTER = "src/test/java/com/acme/search/SearchHotPath.java";

  @TempDir Path dir;

  private CliRun init(String... args) {
    List<String> all = new ArrayList<>(List.of("init", "--dir", dir.toString()));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void aMavenProjectGetsASpecAnAdapterTheDependencyAndIgnoredFiles() throws Exception {
    InitProjects.maven(dir, POM);
    InitProjects.caseFiles(dir);

    CliRun run =
        init(
            "--hot-path", "com.acme.search.SearchHotPath",
            "--upstream", "search=http://127.0.0.1:8080/search",
            "--upstream", "rank-v2=https://ranking.internal:8443/",
            "--cases", "cases/*.json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("created    tuner.yaml", "created    " + ADAPTER, "added to   pom.xml")
        .contains("Next, in " + dir, "tuner record", "tuner verify");

    // The POM: exactly the dependency, after the last one, indented like it; nothing else.
    String pom = Files.readString(dir.resolve("pom.xml"));
    String insert = POM_INSERT.formatted(HarnessVersion.harness());
    int at =
        POM.indexOf("</dependency>\n    </dependencies>\n\n    <build>") + "</dependency>".length();
    assertThat(pom).isEqualTo(POM.substring(0, at) + insert + POM.substring(at));
    assertThat(insert.lines().filter(l -> !l.isBlank()).count()).isEqualTo(6);

    // The spec reads with the project's reader, with every value as given.
    InitProjects.Loaded loaded = InitProjects.load(dir.resolve("tuner.yaml"));
    TunerSpec spec = loaded.spec();
    assertThat(loaded.build()).as("Maven needs no build section").isEqualTo(BuildSpec.MAVEN);
    assertThat(spec.name()).isEqualTo("acme-search");
    assertThat(spec.objective()) // folded over two lines in the file, one line when read
        .isEqualTo(
            "Make the code behind SearchHotPath faster (p50 and p95 latency per case under replay)"
                + " without changing its output or the calls it makes to its upstreams.\n");
    assertThat(spec.target().hotPath()).isEqualTo("com.acme.search.SearchHotPath");
    assertThat(spec.upstreams()).containsOnlyKeys("search", "rank-v2");
    assertThat(spec.upstreams().get("rank-v2").url())
        .isEqualTo(URI.create("https://ranking.internal:8443"));
    assertThat(spec.contracts()).containsEntry("search", Contract.EXACT).hasSize(2);
    assertThat(spec.cases())
        .extracting(CaseSpec::id, CaseSpec::split, CaseSpec::input)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "big-query", Split.TUNE, Map.of("file", "cases/big-query.json")),
            org.assertj.core.groups.Tuple.tuple(
                "holdout-typo", Split.HOLDOUT, Map.of("file", "cases/holdout-typo.json")),
            org.assertj.core.groups.Tuple.tuple(
                "small", Split.TUNE, Map.of("file", "cases/small.json")));
    assertThat(spec.scope().include()).containsExactly("src/main/java/**");
    assertThat(spec.scope().frozen()).contains("src/test/**");

    assertThat(Files.readString(dir.resolve(".gitignore")))
        .contains(".tuner/\n", "goldens/*.received.json\n");
  }

  @Test
  void theAdapterCompilesReadsTheCaseFileAndThrowsUntilFilledIn() throws Exception {
    InitProjects.maven(dir, POM);
    InitProjects.caseFiles(dir);
    assertThat(
            init(
                    "--hot-path", "com.acme.search.SearchHotPath",
                    "--upstream", "search=http://127.0.0.1:8080/search",
                    "--cases", "cases/*.json")
                .exitCode())
        .isZero();

    Path classes = Files.createDirectories(dir.resolve("target/test-classes"));
    assertThat(InitProjects.compile(dir.resolve(ADAPTER), classes)).isEmpty();

    try (URLClassLoader loader =
        new URLClassLoader(
            new java.net.URL[] {classes.toUri().toURL()}, HotPath.class.getClassLoader())) {
      HotPath hotPath =
          (HotPath)
              loader
                  .loadClass("com.acme.search.SearchHotPath")
                  .getDeclaredConstructor()
                  .newInstance();
      Upstreams upstreams =
          new Upstreams(
              HttpClient.newHttpClient(), Map.of("search", URI.create("http://127.0.0.1:9")));
      // It reads the file first: a missing one fails there, an existing one reaches the throw.
      assertThatThrownBy(
              () -> hotPath.run(Map.of("file", dir.resolve("nope.json").toString()), upstreams))
          .isInstanceOf(java.nio.file.NoSuchFileException.class);
      assertThatThrownBy(
              () ->
                  hotPath.run(
                      Map.of("file", dir.resolve("cases/small.json").toString()), upstreams))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageStartingWith("fill in: SearchHotPath.run");
    }
  }

  @Test
  void withoutUpstreamsOrCasesTheAdapterStillCompiles() throws Exception {
    InitProjects.maven(dir, POM);
    CliRun run = init("--hot-path", "com.acme.search.SearchHotPath");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("no upstream yet, one placeholder case")
        .contains("Declare your upstreams in tuner.yaml");
    assertThat(InitProjects.compile(dir.resolve(ADAPTER), Files.createTempDirectory("classes")))
        .isEmpty();
    // The reader names what is left to fill in.
    assertThatThrownBy(() -> InitProjects.load(dir.resolve("tuner.yaml")))
        .hasMessageContaining("upstreams: missing: declare at least one upstream");
  }

  @Test
  void refusesToOverwriteAndThenWritesNothingAtAll() throws Exception {
    InitProjects.maven(dir, POM);
    Files.writeString(dir.resolve("tuner.yaml"), "name: mine\n");
    Files.createDirectories(dir.resolve(ADAPTER).getParent());
    Files.writeString(dir.resolve(ADAPTER), "// mine\n");
    var before = InitProjects.snapshot(dir);

    CliRun run =
        init(
            "--hot-path", "com.acme.search.SearchHotPath",
            "--upstream", "search=http://127.0.0.1:8080");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err())
        .contains("refusing to overwrite tuner.yaml, " + ADAPTER)
        .contains("nothing was written");
    assertThat(run.out()).isEmpty();
    assertThat(InitProjects.snapshot(dir)).isEqualTo(before);
  }

  @Test
  void refusesWhenOnlyTheAdapterExists() throws Exception {
    InitProjects.maven(dir, POM);
    Files.createDirectories(dir.resolve(ADAPTER).getParent());
    Files.writeString(dir.resolve(ADAPTER), "// mine\n");
    var before = InitProjects.snapshot(dir);

    CliRun run = init("--hot-path", "com.acme.search.SearchHotPath");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("refusing to overwrite " + ADAPTER + " in");
    assertThat(InitProjects.snapshot(dir)).isEqualTo(before);
  }

  @Test
  void aPomThatAlreadyHasTheHarnessIsLeftAlone() throws Exception {
    String pom =
        POM.replace(
            "</dependency>\n    </dependencies>",
            "</dependency>\n        <dependency><groupId>dev.tuner</groupId><artifactId>harness</artifactId>"
                + "<version>0.0.9</version></dependency>\n    </dependencies>");
    InitProjects.maven(dir, pom);

    CliRun run = init("--hot-path", "com.acme.search.SearchHotPath");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(dir.resolve("pom.xml"))).isEqualTo(pom);
    assertThat(run.out()).contains("unchanged  pom.xml", "it already depends on dev.tuner:harness");
  }

  @Test
  void aParentPomNeedsTheModuleAndTheModuleGetsTheFiles() throws Exception {
    InitProjects.maven(
        dir,
        POM.replace(
            "<version>1.0.0</version>",
            "<version>1.0.0</version>\n    <packaging>pom</packaging>\n    <modules><module>service</module></modules>"));
    Files.createDirectories(dir.resolve("service"));
    Files.writeString(dir.resolve("service/pom.xml"), POM);
    var before = InitProjects.snapshot(dir);

    CliRun refused = init("--hot-path", "com.acme.search.SearchHotPath");
    assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(refused.err())
        .contains("pom.xml is a parent POM (packaging pom, modules [service]): pass --module DIR");
    assertThat(InitProjects.snapshot(dir)).isEqualTo(before);

    CliRun run =
        init(
            "--hot-path", "com.acme.search.SearchHotPath",
            "--upstream", "search=http://127.0.0.1:8080",
            "--module", "service");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(dir.resolve("service/" + ADAPTER)).isRegularFile();
    assertThat(Files.readString(dir.resolve("pom.xml"))).isEqualTo(before.get("pom.xml"));
    assertThat(Files.readString(dir.resolve("service/pom.xml")))
        .contains("<artifactId>harness</artifactId>");
    InitProjects.Loaded loaded = InitProjects.load(dir.resolve("tuner.yaml"));
    assertThat(loaded.build()).isEqualTo(new BuildSpec(null, null, null, "service", null));
    assertThat(loaded.spec().scope().include()).containsExactly("service/src/main/java/**");
  }

  @Test
  void gradleKotlinGetsTheBuildCommandAndThePrintedSnippet() throws Exception {
    Files.writeString(dir.resolve("settings.gradle.kts"), "rootProject.name = \"acme-search\"\n");
    Files.writeString(dir.resolve("build.gradle.kts"), "plugins { java }\n");
    Files.writeString(dir.resolve("gradlew"), "#!/bin/sh\n");
    var before = InitProjects.snapshot(dir);

    CliRun run =
        init(
            "--hot-path", "com.acme.search.SearchHotPath",
            "--upstream", "search=http://127.0.0.1:8080");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String version = HarnessVersion.harness();
    assertThat(run.out())
        .startsWith("Gradle project (build.gradle.kts):")
        .contains("Add to build.gradle.kts")
        .contains("testImplementation(\"dev.tuner:harness:" + version + "\")")
        .contains("tasks.register(\"tunerClasspath\")")
        .contains(
            "sourceSets.test.get().runtimeClasspath", "classpath.asPath", "\"tuner.classpath\"");
    // The build files are the user's to edit: init prints, never writes them.
    assertThat(Files.readString(dir.resolve("build.gradle.kts")))
        .isEqualTo(before.get("build.gradle.kts"));
    assertThat(dir.resolve("pom.xml")).doesNotExist();
    InitProjects.Loaded loaded = InitProjects.load(dir.resolve("tuner.yaml"));
    assertThat(loaded.build().command()).isEqualTo("./gradlew -q testClasses tunerClasspath");
    assertThat(loaded.build().classpathFile()).isEqualTo("build/tuner.classpath");
    assertThat(loaded.spec().name()).isEqualTo("acme-search");
    assertThat(InitProjects.compile(dir.resolve(ADAPTER), Files.createTempDirectory("classes")))
        .isEmpty();
  }

  @Test
  void gradleGroovyWithoutAWrapperGetsGroovyAndPlainGradle() throws Exception {
    Files.writeString(dir.resolve("build.gradle"), "plugins { id 'java' }\n");

    CliRun run =
        init(
            "--hot-path", "com.acme.search.SearchHotPath",
            "--upstream", "search=http://127.0.0.1:8080");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Add to build.gradle ")
        .contains("testImplementation 'dev.tuner:harness:" + HarnessVersion.harness() + "'")
        .contains("tasks.register('tunerClasspath')", "sourceSets.test.runtimeClasspath");
    InitProjects.Loaded loaded = InitProjects.load(dir.resolve("tuner.yaml"));
    assertThat(loaded.build().command()).isEqualTo("gradle -q testClasses tunerClasspath");
    assertThat(loaded.spec().name()).isEqualTo(dir.getFileName().toString());
  }

  @Test
  void aGradleSubprojectBuildsByItsProjectPath() throws Exception {
    Files.writeString(dir.resolve("settings.gradle"), "include 'services:search'\n");
    Files.createDirectories(dir.resolve("services/search"));
    Files.writeString(dir.resolve("services/search/build.gradle.kts"), "plugins { java }\n");

    CliRun run =
        init(
            "--hot-path", "com.acme.search.SearchHotPath",
            "--upstream", "search=http://127.0.0.1:8080",
            "--module", "services/search/");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(dir.resolve("services/search/" + ADAPTER)).isRegularFile();
    assertThat(run.out())
        .contains("Add to services/search/build.gradle.kts")
        .contains("testImplementation(\"dev.tuner:harness:");
    InitProjects.Loaded loaded = InitProjects.load(dir.resolve("tuner.yaml"));
    assertThat(loaded.build().command())
        .isEqualTo("gradle -q :services:search:testClasses :services:search:tunerClasspath");
    assertThat(loaded.build().classpathFile()).isEqualTo("services/search/build/tuner.classpath");
    assertThat(loaded.spec().scope().include()).containsExactly("services/search/src/main/java/**");
  }

  @Test
  void noBuildIsAUsageErrorThatSaysWhatItLookedFor() {
    CliRun run = init("--hot-path", "com.acme.search.SearchHotPath");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err())
        .contains(dir + ": no pom.xml, build.gradle(.kts) or settings.gradle(.kts) here");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void casesThatMatchNothingNameTheGlob() throws Exception {
    InitProjects.maven(dir, POM);
    var before = InitProjects.snapshot(dir);
    CliRun run = init("--hot-path", "com.acme.search.SearchHotPath", "--cases", "cases/*.json");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("--cases 'cases/*.json': no file matches");
    assertThat(InitProjects.snapshot(dir)).isEqualTo(before);
  }

  @Test
  void casesWithTheSameIdNameBothFiles() throws Exception {
    InitProjects.maven(dir, POM);
    Files.createDirectories(dir.resolve("cases/a"));
    Files.createDirectories(dir.resolve("cases/b"));
    Files.writeString(dir.resolve("cases/a/x.json"), "{}");
    Files.writeString(dir.resolve("cases/b/x.json"), "{}");
    CliRun run = init("--hot-path", "com.acme.search.SearchHotPath", "--cases", "cases/**");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("cases/a/x.json and cases/b/x.json would both be case 'x'");
  }

  @Test
  void gitignoreGetsEachLineOnceAcrossRuns() throws Exception {
    InitProjects.maven(dir, POM);
    Files.writeString(dir.resolve(".gitignore"), "target/\n.tuner/"); // no final newline
    assertThat(init("--hot-path", "com.acme.search.SearchHotPath").exitCode()).isZero();
    String first = Files.readString(dir.resolve(".gitignore"));
    assertThat(first)
        .isEqualTo(
            "target/\n.tuner/\n\n# tuner: run state and outputs that differ from their goldens\n"
                + "goldens/*.received.json\n");

    Files.delete(dir.resolve("tuner.yaml"));
    Files.delete(dir.resolve(ADAPTER));
    String pom = Files.readString(dir.resolve("pom.xml"));
    CliRun again = init("--hot-path", "com.acme.search.SearchHotPath");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(Files.readString(dir.resolve(".gitignore"))).isEqualTo(first);
    assertThat(Files.readString(dir.resolve("pom.xml"))).isEqualTo(pom);
    assertThat(again.out()).contains("unchanged  .gitignore", "unchanged  pom.xml");
  }

  @Test
  void aMissingGitignoreIsCreated() throws Exception {
    InitProjects.maven(dir, POM);
    assertThat(init("--hot-path", "com.acme.search.SearchHotPath").exitCode()).isZero();
    assertThat(Files.readString(dir.resolve(".gitignore"), StandardCharsets.UTF_8))
        .isEqualTo(
            "# tuner: run state and outputs that differ from their goldens\n.tuner/\n"
                + "goldens/*.received.json\n");
  }

  @Test
  void badOptionsAreUsageErrorsNamingTheOptionAndValue() throws Exception {
    InitProjects.maven(dir, POM);
    var before = InitProjects.snapshot(dir);
    record Bad(List<String> args, String message) {}
    for (Bad bad :
        List.of(
            new Bad(List.of("--hot-path", "com.acme.X", "--upstream", "search"), "--upstream"),
            new Bad(
                List.of("--hot-path", "com.acme.X", "--upstream", "search=ftp://h/x"),
                "'search=ftp://h/x': 'ftp://h/x' is not an http(s) URL with a host"),
            new Bad(
                List.of("--hot-path", "com.acme.X", "--upstream", "search=http://h:8080/a b"),
                "'search=http://h:8080/a b': not a URL"),
            new Bad(
                List.of("--hot-path", "com.acme.X", "--upstream", "-x=http://h"),
                "the name '-x' must start with a letter or digit"),
            new Bad(
                List.of(
                    "--hot-path",
                    "com.acme.X",
                    "--upstream",
                    "a=http://h",
                    "--upstream",
                    "a=http://i"),
                "--upstream a: given twice"),
            new Bad(
                List.of("--hot-path", "com.acme.class.X"),
                "'com.acme.class.X' is not a fully qualified Java class name"),
            new Bad(
                List.of("--hot-path", "com.acme.9X"),
                "Invalid value for option '--hot-path': 'com.acme.9X' is not a fully qualified"),
            new Bad(List.of("--hot-path", "SearchHotPath"), "'SearchHotPath' has no package"),
            new Bad(List.of(), "Missing required option: '--hot-path=FQCN'"),
            new Bad(
                List.of("--hot-path", "com.acme.X", "--frobnicate"),
                "Unknown option: '--frobnicate'"),
            new Bad(
                List.of("--hot-path", "com.acme.X", "--cases", "/etc/*.json"),
                "--cases '/etc/*.json': give a glob relative to the project directory"),
            new Bad(
                List.of("--hot-path", "com.acme.X", "--cases", "../*.json"),
                "the case files must be inside the project directory"),
            new Bad(
                List.of("--hot-path", "com.acme.X", "--module", "nope"),
                "--module nope: no such directory"))) {
      CliRun run = init(bad.args().toArray(String[]::new));
      assertThat(run.exitCode()).as("%s: %s", bad.args(), run.err()).isEqualTo(ExitCode.USAGE);
      assertThat(run.err()).as("%s", bad.args()).contains(bad.message());
      assertThat(InitProjects.snapshot(dir)).as("%s", bad.args()).isEqualTo(before);
    }
  }

  @Test
  void theHotPathMustNotBeAClassOfTheMainSources() throws Exception {
    InitProjects.maven(dir, POM);
    Path main = dir.resolve("src/main/java/com/acme/search/Search.java");
    Files.createDirectories(main.getParent());
    Files.writeString(main, "package com.acme.search; class Search {}\n");
    CliRun run = init("--hot-path", "com.acme.search.Search");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err())
        .contains("src/main/java/com/acme/search/Search.java already defines that class")
        .contains("com.acme.search.SearchAdapter");
  }

  @Test
  void namesObjectivesAndGlobsReadBackExactlyAsGiven() throws Exception {
    InitProjects.maven(dir, POM);
    Files.createDirectories(dir.resolve("cases"));
    Files.writeString(dir.resolve("cases/1.json"), "{}");
    Files.writeString(dir.resolve("cases/true.json"), "{}");
    String objective = "Halve p95: \"search\" # without changing  a byte, or the calls' count.";
    CliRun run =
        init(
            "--hot-path", "com.acme.search.SearchHotPath",
            "--upstream", "search=http://127.0.0.1:8080",
            "--name", "acme: search #1",
            "--objective", objective,
            "--scope", "src/main/java/com/acme/*.java",
            "--scope", "*.properties",
            "--cases", "cases/*");

    assertThat(run.exitCode()).as(run.err()).isZero();
    TunerSpec spec = InitProjects.load(dir.resolve("tuner.yaml")).spec();
    assertThat(spec.name()).isEqualTo("acme: search #1");
    assertThat(spec.objective()).isEqualTo(objective);
    assertThat(spec.scope().include())
        .containsExactly("src/main/java/com/acme/*.java", "*.properties");
    assertThat(spec.cases()).extracting(CaseSpec::id).containsExactly("1", "true");
  }

  @Test
  void helpListsInit() {
    assertThat(CliRun.of("--help").out()).contains("init ");
    CliRun help = CliRun.of("init", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--hot-path=FQCN", "--upstream=NAME=URL", "--cases=GLOB");
  }
}

package dev.tuner.init;

import static dev.tuner.GoldenFiles.assertMatchesGolden;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code tuner init} prints and writes, compared whole with {@code
 * src/test/resources/golden/init/}. Update with {@code -Dgolden.update=true} (see {@link
 * dev.tuner.GoldenFiles}). The harness version is fixed here, and init runs in the project's
 * directory, so no path or build version reaches the output.
 */
class InitGoldenTest {

  private static final String VERSION = "1.0.0";

  @TempDir Path dir;

  @Test
  void aMavenProjectWithUpstreamsAndCaseFiles() throws Exception {
    InitProjects.maven(dir, InitProjects.POM);
    InitProjects.caseFiles(dir);
    InitPlan plan =
        plan(
            List.of(
                UpstreamArg.parse("search=http://127.0.0.1:8080/search"),
                UpstreamArg.parse("rank-v2=https://ranking.internal:8443")),
            "cases/*.json");
    plan.write();
    assertMatchesGolden("init/maven-output.txt", plan.report());
    assertMatchesGolden("init/maven-tuner.yaml", read("tuner.yaml"));
    assertMatchesGolden(
        "init/maven-SearchHotPath.java.txt",
        read("src/test/java/com/acme/search/SearchHotPath.java"));
  }

  @Test
  void aGradleKotlinProjectWithNothingButTheHotPath() throws Exception {
    Files.writeString(dir.resolve("settings.gradle.kts"), "rootProject.name = \"acme-search\"\n");
    Files.writeString(dir.resolve("build.gradle.kts"), "plugins { java }\n");
    Files.writeString(dir.resolve("gradlew"), "#!/bin/sh\n");
    InitPlan plan = plan(List.of(), null);
    plan.write();
    assertMatchesGolden("init/gradle-output.txt", plan.report());
    assertMatchesGolden("init/gradle-tuner.yaml", read("tuner.yaml"));
    assertMatchesGolden(
        "init/gradle-SearchHotPath.java.txt",
        read("src/test/java/com/acme/search/SearchHotPath.java"));
  }

  private InitPlan plan(List<UpstreamArg> upstreams, String cases) throws Exception {
    return Init.plan(
        new InitRequest(
            dir,
            HotPathName.parse("com.acme.search.SearchHotPath"),
            upstreams,
            cases,
            List.of(),
            null,
            null,
            null,
            VERSION,
            dir));
  }

  private String read(String file) throws Exception {
    return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
  }
}

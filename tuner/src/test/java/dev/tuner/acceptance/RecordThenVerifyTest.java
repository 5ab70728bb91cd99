package dev.tuner.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.ExampleBuild;
import dev.tuner.harness.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record/verify story a user lives through, on a copy of the bundled example: record from the
 * live upstream, stop it, verify with no network, then break the evidence in each way a user could.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecordThenVerifyTest {

  static final String TOKEN = "demo-token-do-not-record";

  @TempDir static Path repo;
  static Path spec;
  static Result recording;

  record Result(int code, String out, String err) {}

  @BeforeAll
  static void recordTheExampleFromItsLiveUpstream() throws Exception {
    spec = repo.resolve("tuner.yaml");
    try (ExampleUpstream live = ExampleUpstream.start()) {
      String example =
          ExampleBuild.withUberJarBuild(
                  Files.readString(ExampleUpstream.REPO.resolve("tuner.yaml")),
                  "'true'",
                  ExampleBuild.JAR.toString())
              .replace("http://127.0.0.1:18080/", "http://127.0.0.1:" + live.port + "/")
              // The copy holds the spec and its recordings, not the example's knob files: no knob
              // search here.
              .replaceAll("(?s)\nbenchmark:.*$", "\n");
      Files.writeString(spec, example);
      recording = tuner("record", "--case", "ai-default", "--case", "clean-energy-broad");
    }
  }

  @Test
  @Order(1)
  void recordWritesFixturesManifestsAndGoldensForEachCase() throws Exception {
    assertThat(recording.code()).as(recording.err()).isEqualTo(ExitCode.OK);
    assertThat(recording.out()).contains("recorded ai-default", "recorded clean-energy-broad");
    for (String id : new String[] {"ai-default", "clean-energy-broad"}) {
      assertThat(repo.resolve("fixtures/" + id + "/manifest.json")).exists();
      assertThat(repo.resolve("fixtures/" + id + "/embeddings/mappings")).isDirectory();
      assertThat(repo.resolve("goldens/" + id + ".json")).exists();
    }
  }

  @Test
  @Order(2)
  void theTokenAppearsInNoFixtureOrGolden() throws Exception {
    try (Stream<Path> files = Files.walk(repo)) {
      for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.equals(spec)).toList()) {
        assertThat(Files.readString(file))
            .as(file.toString())
            .doesNotContain(TOKEN)
            .doesNotContainIgnoringCase("authorization");
      }
    }
  }

  @Test
  @Order(3)
  void verifyPassesWithTheUpstreamStopped() throws Exception {
    Result run = tuner("verify", "--case", "ai-default", "--case", "clean-energy-broad");
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).contains("PASS    ai-default", "verify: 2 passed, 0 failed");
  }

  @Test
  @Order(4)
  void aChangedGoldenNumberFailsNamingTheCaseAndPath() throws Exception {
    Path golden = repo.resolve("goldens/ai-default.json");
    String original = Files.readString(golden);
    Files.writeString(golden, original.replaceFirst("\"rank\" : 1,", "\"rank\" : 7,"));
    try {
      Result run = tuner("verify", "--case", "ai-default");
      assertThat(run.code()).isEqualTo(ExitCode.CHECK_FAILED);
      assertThat(run.out())
          .contains("FAIL    ai-default")
          .containsPattern("\\$\\.holdings\\[0\\]\\.rank: expected 7, got 1");
      assertThat(repo.resolve("goldens/ai-default.received.json")).exists();
    } finally {
      Files.writeString(golden, original);
    }
  }

  @Test
  @Order(5)
  void aDeletedMappingFailsNamingTheUnmatchedRequest() throws Exception {
    Path mappings = repo.resolve("fixtures/ai-default/reference/mappings");
    Path victim;
    try (Stream<Path> files = Files.list(mappings)) {
      victim = files.sorted().findFirst().orElseThrow();
    }
    byte[] saved = Files.readAllBytes(victim);
    Files.delete(victim);
    try {
      Result run = tuner("verify", "--case", "ai-default");
      assertThat(run.code()).isEqualTo(ExitCode.CHECK_FAILED);
      assertThat(run.out())
          .contains("reference: unmatched request GET /v1/securities?ids=", "closest stub:");
    } finally {
      Files.write(victim, saved);
    }
  }

  @Test
  @Order(6)
  void anEditedFixtureBodyFailsNamingTheFile() throws Exception {
    Path body;
    try (Stream<Path> files = Files.walk(repo.resolve("fixtures/ai-default/embeddings"))) {
      body =
          files
              .filter(Files::isRegularFile)
              .filter(f -> f.toString().contains("__files"))
              .findFirst()
              .orElseThrow();
    }
    String original = Files.readString(body);
    Files.writeString(body, original.replaceFirst("0\\.", "1."));
    try {
      Result run = tuner("verify", "--case", "ai-default");
      assertThat(run.code()).isEqualTo(ExitCode.CHECK_FAILED);
      assertThat(run.out()).contains("changed since recording", body.getFileName().toString());
    } finally {
      Files.writeString(body, original);
    }
  }

  @Test
  @Order(7)
  void recordingAnUnreachableUpstreamExitsThreeNamingIt() throws Exception {
    Result run = tuner("record", "--case", "ai-default");
    assertThat(run.code()).isEqualTo(ExitCode.ENVIRONMENT);
    assertThat(run.err()).contains("upstream 'embeddings' is unreachable at http://127.0.0.1:");
    Result verify = tuner("verify", "--case", "ai-default");
    assertThat(verify.code())
        .as("the failed recording left the previous one intact")
        .isEqualTo(ExitCode.OK);
  }

  static Result tuner(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all =
        Stream.concat(Stream.of(args), Stream.of("--spec", spec.toString())).toArray(String[]::new);
    int code =
        new dev.tuner.cli.Main(new PrintWriter(out), new PrintWriter(err), Map.of()).run(all);
    return new Result(code, out.toString(), err.toString());
  }
}

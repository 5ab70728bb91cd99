package dev.tuner.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuner.ExampleBuild;
import dev.tuner.harness.ExitCode;
import dev.tuner.io.Classpath;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench and compare on a git repository holding the example's spec, two recorded cases and its
 * knobs, with tiny measuring settings. The build command stands in for the real one: it copies the
 * reactor's artifact with the tree's {@code calibration.extraWorkPercent} in it (made once, up
 * front), which is what the real build produces for a tree that differs in that knob only. The
 * second commit sets it to 20: each request then spins for a fifth of its local work longer.
 */
class MeasureAndDecideTest {

  static final String[] CASES = {"water-europe", "fintech-concentrated"};
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path repo;
  @TempDir static Path builds;
  static Path spec;

  record Result(int code, String out, String err) {}

  @BeforeAll
  static void aRepositoryWhoseSecondCommitAddsTwentyPercentOfBusyWork() throws Exception {
    spec = repo.resolve("tuner.yaml");
    for (String knob : new String[] {"0", "20"}) {
      ExampleBuild.jarWithKnob(
          builds.resolve("knob-" + knob + ".jar"), "calibration.extraWorkPercent", knob);
    }
    String example = Files.readString(ExampleUpstream.REPO.resolve("tuner.yaml"));
    String cases = example.substring(example.indexOf("\ncases:"));
    Files.writeString(
        spec,
        ExampleBuild.withUberJarBuild(
                example.substring(0, example.indexOf("\ncases:")),
                "\"cp "
                    + builds
                    + "/knob-$(sed -n 's/^calibration.extraWorkPercent=//p' example/src/main/resources/tuning.properties).jar"
                    + " benchmarks.jar\"",
                "benchmarks.jar")
            // C1 only: steady within seconds, so the comparisons need little warm-up (tests check
            // the rule's
            // logic, not the hot path's best speed).
            + "\nbenchmark:\n"
            + "  jvmArgs: [-XX:+UseSerialGC, -Xms512m, -Xmx512m, -XX:TieredStopAtLevel=1]\n"
            + "  jmh: {forks: 1, warmupIterations: 2, warmupTime: 500ms, iterations: 2, iterationTime: 500ms}\n"
            + "  compare: {warmupSeconds: 6, opsPerRound: 20, looks: [12]}\n"
            + "cases:\n"
            + "  - {id: water-europe, input: {theme: water, topN: 12, k: 200, maxPerSector: 3, minMarketCap: 500,"
            + " countries: [GB, DE, FR, NL, CH, SE]}}\n"
            + "  - {id: fintech-concentrated, input: {theme: fintech, topN: 10, k: 120, maxPerSector: 3,"
            + " excludeSectors: [Real Estate, Utilities]}}\n");
    assertThat(cases).contains("id: water-europe", "id: fintech-concentrated");
    for (String id : CASES) {
      copyTree(
          ExampleUpstream.REPO.resolve("fixtures").resolve(id),
          repo.resolve("fixtures").resolve(id));
    }
    Path knobs = repo.resolve("example/src/main/resources/tuning.properties");
    Files.createDirectories(knobs.getParent());
    Files.copy(ExampleUpstream.REPO.resolve("example/src/main/resources/tuning.properties"), knobs);
    Files.writeString(repo.resolve(".gitignore"), ".tuner/\nbenchmarks.jar\n");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("the example, two cases")
          .setAuthor("t", "t@example.com")
          .setSign(false)
          .call();
      Files.writeString(
          knobs,
          Files.readString(knobs)
              .replace("calibration.extraWorkPercent=0", "calibration.extraWorkPercent=20"));
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("20% more work")
          .setAuthor("t", "t@example.com")
          .setSign(false)
          .call();
    }
  }

  @Test
  void benchPrintsQuantilesAllocationAndCallsPerCase() throws Exception {
    Path json = repo.resolve("out/bench.json");

    Result run = tuner("bench", "--json", json.toString());

    assertThat(run.code()).as(run.err()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .contains("p50 ms", "p95 ms", "p99 ms", "B/op", "calls/op", "all cases")
        .containsPattern(
            "water-europe +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ MB +1 +embeddings=1 reference=20 vectors=1")
        .containsPattern("fintech-concentrated .* reference=12 vectors=1");
    JsonNode summary = JSON.readTree(json.toFile());
    assertThat(summary.path("cases")).hasSize(2);
    assertThat(summary.path("cases").get(0).path("p95").asDouble())
        .isGreaterThanOrEqualTo(summary.path("cases").get(0).path("p50").asDouble())
        .isPositive();
    assertThat(repo.resolve("out/bench.jmh.json")).exists();
  }

  @Test
  void theKnobCommitIsRegressedAgainstItsParentAndImprovedTheOtherWayRound() throws Exception {
    Result slower =
        tuner("compare", "HEAD~1", "HEAD", "--json", repo.resolve("out/slower.json").toString());
    Result faster =
        tuner("compare", "HEAD", "HEAD~1", "--json", repo.resolve("out/faster.json").toString());

    assertThat(slower.code()).as(slower.err()).isEqualTo(ExitCode.OK);
    assertThat(slower.out())
        .containsPattern("p50 \\(geomean\\) .* regressed")
        .containsPattern("p95 \\(geomean\\) .* regressed")
        .contains("decision: keep A (discard B)", "calls/op A | B");
    JsonNode s = JSON.readTree(repo.resolve("out/slower.json").toFile()).path("metrics");
    assertThat(s.path("p50").path("verdict").asText()).isEqualTo("regressed");
    assertThat(s.path("p95").path("verdict").asText()).isEqualTo("regressed");
    assertThat(s.path("p50").path("ratio").asDouble()).isGreaterThan(1.01);
    assertThat(s.path("p50").path("ci")).hasSize(2);
    assertThat(s.path("p50").path("forks").path("b").asInt()).isEqualTo(12);

    assertThat(faster.code()).as(faster.err()).isEqualTo(ExitCode.OK);
    JsonNode f = JSON.readTree(repo.resolve("out/faster.json").toFile());
    assertThat(f.path("metrics").path("p50").path("verdict").asText()).isEqualTo("improved");
    assertThat(f.path("metrics").path("p95").path("verdict").asText()).isEqualTo("improved");
    assertThat(f.path("decision").asText()).isEqualTo("keep");
    assertThat(faster.out()).contains("decision: keep B");
  }

  @Test
  void aRevisionComparedWithItselfIsTheSame() throws Exception {
    Result same =
        tuner("compare", "HEAD", "HEAD", "--json", repo.resolve("out/same.json").toString());

    assertThat(same.code()).as(same.err()).isEqualTo(ExitCode.OK);
    JsonNode m = JSON.readTree(repo.resolve("out/same.json").toFile()).path("metrics");
    assertThat(m.path("p50").path("verdict").asText()).as(same.out()).isEqualTo("same");
    assertThat(m.path("p95").path("verdict").asText()).as(same.out()).isEqualTo("same");
  }

  @Test
  void theLoopMeasuresThroughTheSameBenchmarksAndStopsARunawayComparison() throws Exception {
    var spec = dev.tuner.spec.TunerSpec.load(MeasureAndDecideTest.spec);
    Classpath built =
        dev.tuner.build.ProjectBuild.ensure(
            repo, spec.build(), new PrintWriter(new StringWriter()));
    var bench =
        new dev.tuner.bench.JmhBenchStage(
            spec, MeasureAndDecideTest.spec, new PrintWriter(new StringWriter()));

    var build = new dev.tuner.bench.BenchStage.Build(built, java.util.List.of());
    var numbers =
        bench.measure(
            repo, build, java.util.List.of("water-europe"), java.time.Duration.ofMinutes(5));

    assertThat(numbers.p50()).isPositive();
    assertThat(numbers.metrics()).containsKeys("p95_ms", "water-europe.p99_ms");
    assertThat(numbers.callsPerOp()).containsEntry("reference", 20.0);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                bench.compare(
                    repo,
                    build,
                    build,
                    java.util.List.of("water-europe"),
                    java.time.Duration.ofSeconds(2)))
        .isInstanceOfSatisfying(
            dev.tuner.bench.BenchFailedException.class, e -> assertThat(e.timedOut()).isTrue());
  }

  @Test
  void anUnknownRevisionIsAUsageError() {
    Result run = tuner("compare", "HEAD", "no-such-branch");

    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("unknown revision 'no-such-branch'");
  }

  static Result tuner(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all =
        Stream.concat(Stream.of(args), Stream.of("--spec", spec.toString())).toArray(String[]::new);
    int code =
        new dev.tuner.cli.Main(new PrintWriter(out), new PrintWriter(err), Map.of()).run(all);
    System.out.println(
        "$ tuner " + String.join(" ", args) + "\n" + out + err); // in the test report
    return new Result(code, out.toString(), err.toString());
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}

package dev.tuner.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tuner.ExampleBuild;
import dev.tuner.cli.Main;
import dev.tuner.harness.ExitCode;
import dev.tuner.io.Dirs;
import dev.tuner.io.Processes;
import dev.tuner.log.ExperimentLog;
import dev.tuner.log.LogRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A brand-new Maven project, as a team would bring it: its own hot path (a quoter that calls two
 * services through Apache HttpClient 5, with an older Jackson than the harness's), a few case
 * files, no tuner files. {@code tuner init} with flags, the adapter filled in, then {@code record}
 * from a live upstream, {@code verify} with it stopped, and {@code optimize --proposer patches}
 * with a parity breaker and a real speedup.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ANewMavenProjectIsTunedFromInitTest {

  static final Path TEMPLATE = resource("newproject");
  static final Path EXTRA = resource("newproject-extra");
  static final String TOKEN = "acme-secret-token";

  @TempDir static Path dir;
  static Path project;
  static String initial;
  static HttpServer live;

  @BeforeAll
  static void aProjectWithNoTunerFilesAndItsLiveServices() throws Exception {
    installTheHarness();
    project = dir.resolve("pricing");
    Dirs.copyTree(TEMPLATE, project);
    Files.writeString(project.resolve(".gitignore"), "target/\n");
    live = liveServices();
    try (Git git = Git.init().setDirectory(project.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      initial = commit(git, "The pricing service");
    }
  }

  @AfterAll
  static void stopTheServices() {
    if (live != null) {
      live.stop(0);
    }
  }

  @Test
  @Order(1)
  void initWritesTheSpecTheAdapterAndTheDependency() throws Exception {
    Result init =
        tuner(
            "init",
            "--dir",
            project.toString(),
            "--hot-path",
            "com.acme.pricing.QuoterHotPath",
            "--upstream",
            "rates=" + baseUrl() + "/rates",
            "--upstream",
            "stock=" + baseUrl() + "/stock",
            "--cases",
            "cases/*.json",
            "--scope",
            "src/main/java/**");
    assertThat(init.code()).as(init.all()).isEqualTo(ExitCode.OK);
    assertThat(project.resolve("tuner.yaml")).exists();
    assertThat(project.resolve("src/test/java/com/acme/pricing/QuoterHotPath.java")).exists();
    assertThat(Files.readString(project.resolve("pom.xml")))
        .contains("<artifactId>harness</artifactId>");
    assertThat(Files.readString(project.resolve(".gitignore"))).contains(".tuner/");
  }

  @Test
  @Order(2)
  void theFilledAdapterRecordsFromTheLiveServicesWithoutTheirToken() throws Exception {
    Files.copy(
        EXTRA.resolve("QuoterHotPath.java"),
        project.resolve("src/test/java/com/acme/pricing/QuoterHotPath.java"),
        StandardCopyOption.REPLACE_EXISTING);
    // A non-JDK client: replay through WireMock on 127.0.0.1; and small benchmarks for a test.
    Files.writeString(
        project.resolve("tuner.yaml"),
        "\nbenchmark:\n"
            + "  transport: loopback\n"
            + "  jvmArgs: [-XX:+UseSerialGC, -Xms256m, -Xmx256m]\n"
            + "  jmh: {forks: 1, warmupIterations: 2, warmupTime: 500ms, iterations: 2,"
            + " iterationTime: 500ms}\n"
            + "  compare: {warmupSeconds: 8, opsPerRound: 10, looks: [8]}\n",
        java.nio.file.StandardOpenOption.APPEND);

    Result record = tuner("record", "--spec", spec());

    assertThat(record.code()).as(record.all()).isEqualTo(ExitCode.OK);
    for (String id : List.of("small", "bulk", "holdout-mixed")) {
      assertThat(project.resolve("goldens/" + id + ".json")).exists();
      assertThat(project.resolve("fixtures/" + id + "/manifest.json")).exists();
    }
    try (Stream<Path> files = Files.walk(project.resolve("fixtures"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file)).as(file.toString()).doesNotContain(TOKEN);
      }
    }
  }

  @Test
  @Order(3)
  void verifyPassesWithTheServicesStopped() throws Exception {
    live.stop(0);
    live = null;
    Result verify = tuner("verify", "--spec", spec());
    assertThat(verify.code()).as(verify.all()).isEqualTo(ExitCode.OK);
    assertThat(verify.out()).contains("verify: 3 passed, 0 failed");
    try (Git git = Git.open(project.toFile())) {
      git.add().addFilepattern(".").call();
      commit(git, "Tuner: the spec, the adapter and the recordings");
    }
  }

  @Test
  @Order(4)
  void optimizeDiscardsTheParityBreakerAndKeepsTheSpeedup() throws Exception {
    Result optimize =
        tuner(
            "optimize",
            "--spec",
            spec(),
            "--proposer",
            "patches",
            "--patches",
            EXTRA.resolve("patches").toString(),
            "--tag",
            "first");

    assertThat(optimize.code()).as(optimize.all()).isEqualTo(ExitCode.OK);
    List<LogRecord> records =
        new ExperimentLog(project.resolve(".tuner/experiments.jsonl"))
            .read(new PrintWriter(new StringWriter()));
    assertThat(
            records.stream()
                .filter(r -> r instanceof LogRecord.Experiment)
                .map(r -> ((LogRecord.Experiment) r).status().label()))
        .as(optimize.all())
        .containsExactly("baseline", "parity_failed", "keep");
  }

  @Test
  @Order(5)
  void theProjectsOwnChangeIsTheAdapterTheSpecAndAFewLinesOfPom() throws Exception {
    List<String> changed = new ArrayList<>();
    int pomLines = 0;
    try (Git git = Git.open(project.toFile())) {
      var repo = git.getRepository();
      try (var reader = repo.newObjectReader()) {
        CanonicalTreeParser from = new CanonicalTreeParser();
        from.reset(reader, repo.resolve(initial + "^{tree}"));
        CanonicalTreeParser to = new CanonicalTreeParser();
        to.reset(reader, repo.resolve("main^{tree}"));
        for (DiffEntry d : git.diff().setOldTree(from).setNewTree(to).call()) {
          String path =
              d.getChangeType() == DiffEntry.ChangeType.DELETE ? d.getOldPath() : d.getNewPath();
          if (!path.startsWith("fixtures/") && !path.startsWith("goldens/")) {
            changed.add(path);
          }
        }
      }
      String diff = gitDiff(initial, "main", "pom.xml");
      pomLines = (int) diff.lines().filter(l -> l.startsWith("+") && !l.startsWith("+++")).count();
      assertThat(diff.lines().filter(l -> l.startsWith("-") && !l.startsWith("---"))).isEmpty();
    }
    assertThat(changed)
        .containsExactlyInAnyOrder(
            ".gitignore",
            "pom.xml",
            "tuner.yaml",
            "src/test/java/com/acme/pricing/QuoterHotPath.java");
    assertThat(pomLines).isBetween(1, 15);
  }

  // -- the project's world -----------------------------------------------------------------

  /**
   * Installs the harness jar into the local Maven repository, as the README's {@code mvn install}
   * of tuner does (replacing the same version in place, so runs do not pile up copies).
   */
  static void installTheHarness() throws Exception {
    Path jar = ExampleBuild.REPO.resolve("harness-jar/target/harness-" + version() + ".jar");
    assertThat(jar).as("the reactor packages harness-jar before the tuner's tests").exists();
    Processes.Outcome installed =
        Processes.run(
            List.of(
                "mvn",
                "-B",
                "-q",
                "org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file",
                "-Dfile=" + jar,
                "-DgroupId=dev.tuner",
                "-DartifactId=harness",
                "-Dversion=" + version(),
                "-Dpackaging=jar",
                "-DgeneratePom=true"),
            dir,
            Map.of(),
            Duration.ofMinutes(5),
            dir.resolve("install.log"));
    assertThat(installed.ok()).as(installed.output()).isTrue();
  }

  static String version() {
    return dev.tuner.harness.HarnessVersion.harness();
  }

  /** The rates and stock services: deterministic answers, only with the bearer token. */
  static HttpServer liveServices() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/rates/fx",
        exchange -> {
          String currency = exchange.getRequestURI().getQuery().replace("currency=", "");
          answer(
              exchange, "{\"" + currency + "\": " + (currency.equals("EUR") ? 0.92 : 0.79) + "}");
        });
    server.createContext(
        "/stock/check",
        exchange -> {
          String skus =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          StringBuilder body = new StringBuilder("{");
          for (String sku : skus.replaceAll("[\\[\\]\"]", "").split(",")) {
            body.append(body.length() > 1 ? "," : "")
                .append('"')
                .append(sku)
                .append("\": ")
                .append(sku.startsWith("C") ? 50 : 500);
          }
          answer(exchange, body.append('}').toString());
        });
    server.start();
    return server;
  }

  private static void answer(HttpExchange exchange, String body) throws IOException {
    boolean authorised =
        ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
    byte[] bytes =
        (authorised ? body : "{\"error\":\"unauthorised\"}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(authorised ? 200 : 401, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  static String baseUrl() {
    return "http://127.0.0.1:" + live.getAddress().getPort();
  }

  // -- plumbing ------------------------------------------------------------------------------

  record Result(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  static Result tuner(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new Main(new PrintWriter(out), new PrintWriter(err), Map.of()).run(args);
    return new Result(code, out.toString(), err.toString());
  }

  static String spec() {
    return project.resolve("tuner.yaml").toString();
  }

  static String commit(Git git, String message) throws Exception {
    return git.commit()
        .setMessage(message)
        .setAuthor("dev", "dev@acme.example")
        .setCommitter("dev", "dev@acme.example")
        .setSign(false)
        .call()
        .name();
  }

  static String gitDiff(String from, String to, String path) throws Exception {
    Path log = dir.resolve("diff.txt");
    Processes.Outcome outcome =
        Processes.run(
            List.of("git", "diff", from, to, "--", path),
            project,
            Map.of(),
            Duration.ofMinutes(1),
            log);
    assertThat(outcome.ok()).as(outcome.output()).isTrue();
    return outcome.output();
  }

  static Path resource(String name) {
    try {
      return Path.of(
          ANewMavenProjectIsTunedFromInitTest.class.getClassLoader().getResource(name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}

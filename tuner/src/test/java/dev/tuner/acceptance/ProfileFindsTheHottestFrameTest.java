package dev.tuner.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.ExampleBuild;
import dev.tuner.bench.JfrProfiler;
import dev.tuner.build.RunnerJar;
import dev.tuner.io.Classpath;
import dev.tuner.profile.FrameTable;
import dev.tuner.profile.JfrReader;
import dev.tuner.profile.Profile;
import dev.tuner.profile.Stacks;
import dev.tuner.spec.TunerSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flight recording of the bundled example under replay, read back: the frame that the example's
 * INEFFICIENCIES.md names as its hottest (item 10, {@code DescriptionAnalyzer.tokenize}, ≈22 %
 * inclusive) is among the five frames with most total time that are not its callers, stacks start
 * at the hot path, and there are allocation samples. One recording (three cases) serves every
 * assertion.
 */
class ProfileFindsTheHottestFrameTest {

  static final String HOTTEST = "com.example.portfolio.DescriptionAnalyzer.tokenize";

  @TempDir static Path dir;

  static Profile profile;
  static String log;

  @BeforeAll
  static void recordTheExample() throws Exception {
    Path specFile = ExampleBuild.REPO.resolve("tuner.yaml");
    TunerSpec spec = TunerSpec.load(specFile);
    // The example's class directory first, as a Maven build's class path has it: its packages are
    // the project's own code; its jar then brings Jackson.
    Classpath classpath =
        Classpath.of(
            RunnerJar.path(),
            ExampleBuild.REPO.resolve("example/target/classes"),
            ExampleBuild.JAR);
    StringWriter out = new StringWriter();
    profile =
        JfrProfiler.record(
            ExampleBuild.REPO,
            classpath,
            specFile,
            spec.benchmark(),
            List.of("ai-default", "genomics-wide", "clean-energy-broad"),
            dir.resolve("jfr"),
            Duration.ofMinutes(3),
            new PrintWriter(out));
    log = out.toString();
  }

  @Test
  void theHottestFrameOfInefficienciesMdIsAmongTheTopFrames() {
    FrameTable table = FrameTable.of(profile, Integer.MAX_VALUE);
    System.out.println(FrameTable.of(profile, 10).text());
    // INEFFICIENCIES.md's figure is inclusive (tokenize with its callee isNumber), so the ranking
    // is by total time; a caller's total contains its callee's, so tokenize's callers (the hot
    // path's trunk, the analysis cache) are set aside. By own time tokenize has come 4th to 8th
    // in repeated recordings, its cost being split with isNumber.
    Set<String> callers = callersOf(HOTTEST);
    List<String> byTotal =
        table.frames().stream()
            .filter(r -> !callers.contains(r.frame()))
            .sorted(Comparator.comparingLong(FrameTable.Row::total).reversed())
            .limit(5)
            .map(FrameTable.Row::frame)
            .toList();
    assertThat(byTotal).as(table.text()).contains(HOTTEST);
    FrameTable.Row tokenize =
        table.frames().stream().filter(r -> r.frame().equals(HOTTEST)).findFirst().orElseThrow();
    assertThat(100.0 * tokenize.total() / table.samples()).as(table.text()).isGreaterThan(10);
    assertThat(profile.ownPackages()).contains("com.example.portfolio");
  }

  /** Frames above {@code frame} on any stack it is on. */
  private static Set<String> callersOf(String frame) {
    Set<String> callers = new HashSet<>();
    for (String stack : profile.cpu().weights().keySet()) {
      List<String> frames = Stacks.frames(stack);
      int at = frames.indexOf(frame);
      if (at > 0) {
        callers.addAll(frames.subList(0, at));
      }
    }
    callers.remove(frame);
    return callers;
  }

  @Test
  void stacksStartAtTheHotPathNotAtJmhOrTheHarness() {
    assertThat(profile.cpu().total()).isGreaterThan(1000);
    // A few samples in a thousand stop short of the thread's root (JFR's stack walker gives up):
    // those are kept apart under one marker and must stay rare.
    assertThat(profile.cpu().weights().keySet())
        .filteredOn(s -> !s.startsWith(JfrReader.INCOMPLETE))
        .allSatisfy(s -> assertThat(Stacks.frames(s).get(0)).startsWith("com.example.portfolio."));
    long incomplete =
        profile.cpu().weights().entrySet().stream()
            .filter(e -> e.getKey().startsWith(JfrReader.INCOMPLETE))
            .mapToLong(e -> e.getValue())
            .sum();
    assertThat(incomplete).isLessThan(profile.cpu().total() / 100);
    // 512 frames reach every root: no stack lost its root.
    assertThat(profile.cpu().weights().keySet()).noneMatch(s -> s.startsWith(JfrReader.TRUNCATED));
  }

  @Test
  void allocationsAndCollectionsAreRecorded() {
    assertThat(profile.alloc().total()).isPositive();
    assertThat(profile.alloc().weights().keySet())
        .allSatisfy(s -> assertThat(s).endsWith(Profile.ALLOCATED));
    assertThat(profile.gc().recordedSeconds()).isPositive();
  }

  @Test
  void theKeptRecordingsReadBackToTheSameProfile() throws Exception {
    List<Path> files;
    try (Stream<Path> all = Files.list(dir.resolve("jfr"))) {
      files = all.sorted().toList();
    }
    assertThat(files)
        .extracting(f -> f.getFileName().toString())
        .containsExactly("ai-default.jfr", "clean-energy-broad.jfr", "genomics-wide.jfr");
    Profile again = JfrReader.read(files, profile.ownPackages());
    assertThat(again.cpu()).isEqualTo(profile.cpu());
  }
}

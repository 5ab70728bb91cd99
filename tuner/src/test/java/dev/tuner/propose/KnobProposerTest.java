package dev.tuner.propose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.log.LogRecord;
import dev.tuner.log.Stats;
import dev.tuner.log.Status;
import dev.tuner.spec.KnobsSpec;
import dev.tuner.spec.KnobsSpec.KnobSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The knob proposer between the loop and the search: files it writes, values it learns, what a
 * resume skips.
 */
class KnobProposerTest {

  static final KnobsSpec SPEC =
      new KnobsSpec(
          "tuning.properties",
          5L,
          "cmaes",
          List.of(
              new KnobSpec("cache", "integer", null, null, null, List.of(16, 64, 256, 1024), null),
              new KnobSpec("patterns", "integer", null, null, null, List.of(2, 4, 16, 64), null)),
          List.of(
              new KnobSpec(
                  "gc",
                  "choice",
                  null,
                  null,
                  null,
                  List.of("-XX:+UseSerialGC", "-XX:+UseParallelGC"),
                  null)));

  @TempDir Path root;

  KnobProposer proposer() throws Exception {
    Files.writeString(
        root.resolve("tuning.properties"), "# cache\ncache=64\npatterns=4\nother=1\n");
    Files.writeString(root.resolve("jvm.options"), "# gc = -XX:+UseSerialGC\n-XX:+UseSerialGC\n");
    return new KnobProposer(SPEC, "p95", "jvm.options");
  }

  Proposal propose(KnobProposer p, int run) throws Exception {
    return propose(p, run, "1");
  }

  Proposal propose(KnobProposer p, int run, String phase) throws Exception {
    return p.propose(
        new ProposalRequest(
            run,
            run - 1,
            root,
            "best",
            "",
            root.resolve("prompt"),
            root.resolve("ideas"),
            Duration.ofSeconds(5),
            phase));
  }

  static LogRecord.Experiment tried(
      int run, String status, Map<String, String> knobs, Double metric, Double ratio) {
    return tried(run, "1", status, knobs, metric, ratio);
  }

  static LogRecord.Experiment tried(
      int run,
      String phase,
      String status,
      Map<String, String> knobs,
      Double metric,
      Double ratio) {
    return new LogRecord.Experiment(
        run,
        "c" + run,
        metric,
        null,
        Status.of(status),
        "d",
        "t",
        1,
        null,
        null,
        null,
        phase,
        List.of(),
        null,
        ratio == null
            ? null
            : Map.of("p95", new Stats(ratio, List.of(ratio, ratio), 0.5, List.of(3, 3), "same")),
        null,
        null,
        null,
        null,
        null,
        knobs);
  }

  @Test
  void aProposalSetsTheKnobsInBothFilesAndRecordsThem() throws Exception {
    KnobProposer p = proposer();
    Map<String, String> start = p.knobs(root);
    assertThat(start)
        .containsExactly(
            Map.entry("cache", "64"),
            Map.entry("patterns", "4"),
            Map.entry("gc", "-XX:+UseSerialGC"));
    p.observe(tried(0, "baseline", start, 100.0, null));
    Proposal first = propose(p, 1);
    assertThat(first.outcome()).isEqualTo(Proposal.Outcome.CHANGED);
    assertThat(first.knobs()).isNotEqualTo(start);
    assertThat(p.knobs(root)).isEqualTo(first.knobs());
    assertThat(Files.readString(root.resolve("tuning.properties")))
        .startsWith("# cache\n")
        .endsWith("other=1\n");
    assertThat(first.description()).startsWith("knobs: ");
  }

  @Test
  void aPointRejectedForItsCallsIsTriedAgainInALaterPhaseOnly() throws Exception {
    KnobProposer p = proposer();
    String committed = Files.readString(root.resolve("tuning.properties"));
    String jvmOptions = Files.readString(root.resolve("jvm.options"));
    Map<String, String> start = p.knobs(root);
    p.observe(tried(0, "exact", "baseline", start, 100.0, null));
    Map<String, String> rejected = propose(p, 1, "exact").knobs();
    p.observe(tried(1, "exact", "calls_changed", rejected, null, null));
    for (int run = 2; run <= 4; run++) {
      Map<String, String> point = propose(p, run, "exact").knobs();
      assertThat(point).as("run " + run).isNotEqualTo(rejected);
      p.observe(tried(run, "exact", "discard", point, 101.0, 1.01));
    }
    // The loop proposes from the best's tree: here, the baseline's.
    Files.writeString(root.resolve("tuning.properties"), committed);
    Files.writeString(root.resolve("jvm.options"), jvmOptions);
    assertThat(propose(p, 5, "relaxed").knobs())
        .as("the new phase's contracts may allow it")
        .isEqualTo(rejected);
  }

  @Test
  void aResumedRunNeverProposesAPointTheLogAlreadyHolds() throws Exception {
    KnobProposer original = proposer();
    Map<String, String> start = original.knobs(root);
    LogRecord.Experiment baseline = tried(0, "baseline", start, 100.0, null);
    original.observe(baseline);
    List<LogRecord.Experiment> log = new java.util.ArrayList<>(List.of(baseline));
    for (int run = 1; run <= 6; run++) {
      Map<String, String> point = propose(original, run).knobs();
      // Synthetic feedback: a bigger cache is faster; the parallel collector fails a gate.
      LogRecord.Experiment e =
          point.get("gc").contains("Parallel")
              ? tried(run, "crash", point, null, null)
              : tried(
                  run,
                  "discard",
                  point,
                  95.0,
                  64.0 / Double.parseDouble(point.get("cache")) * 0.5 + 0.5);
      original.observe(e);
      log.add(e);
    }
    Set<Map<String, String>> seen = new HashSet<>();
    log.forEach(e -> assertThat(seen.add(e.knobs())).as("measured twice: " + e.knobs()).isTrue());

    KnobProposer resumed = proposer();
    log.forEach(resumed::observe);
    Map<String, String> next = propose(resumed, 7).knobs();
    assertThat(seen).doesNotContain(next);

    Map<String, String> continued = propose(original, 7).knobs();
    assertThat(next).as("the resumed search continues on the same path").isEqualTo(continued);
  }
}

package dev.tuner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuner.harness.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tuner log} on small hand-written logs: filters, grouping, outputs, damaged lines, other
 * formats.
 */
class LogCommandTest {

  static final Path SMALL = Path.of("src/test/resources/review/small.jsonl").toAbsolutePath();
  static final Path PI = Path.of("src/test/resources/review/autoresearch.jsonl").toAbsolutePath();
  static final Path KNOB_RUN = Path.of("src/test/resources/review/knob-run.jsonl").toAbsolutePath();

  @TempDir Path dir;

  static CliRun log(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "log";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliRun.of(all);
  }

  @Test
  void printsOneLinePerTryWithDeltasIntervalsAndCounts() {
    CliRun run = log("--log", SMALL.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .contains("run  commit   status")
        .contains(
            "bbbbbbb  keep           exact        -10.0% [-15.0, -5.0]  -20.0% [-25.0, -15.0]   80.00  cache the")
        .contains("eeeeeee  parity_failed  fewer-calls")
        .contains("5 tries: baseline 1, keep 2, discard 1, parity_failed 1");
  }

  @Test
  void aDamagedLineIsNamedOnStderrAndTheRestStillPrints() {
    CliRun run = log("--log", SMALL.toString());
    assertThat(run.err()).contains(SMALL + ":5: damaged record skipped");
    assertThat(run.out()).contains("fffffff");
  }

  @Test
  void groupsByStatusWithCountsKeepRateAndBestDelta() {
    CliRun run = log("--log", SMALL.toString(), "--group-by", "status");
    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.out().lines().toList())
        .contains(
            "status         tries  kept  keep rate  best Δ",
            "baseline           1     0          -  -",
            "keep               2     2       100%  -20.0% [-25.0, -15.0]",
            "discard            1     0         0%  -2.0% [-7.0, +3.0]",
            "parity_failed      1     0         0%  -");
  }

  @Test
  void aTryWithSeveralTagsCountsInEachTagsGroup() throws Exception {
    CliRun run = log("--log", SMALL.toString(), "--group-by", "tag", "--json");
    JsonNode groups = new ObjectMapper().readTree(run.out());
    assertThat(groups)
        .extracting(g -> g.get("tag").asText() + "=" + g.get("tries").asInt())
        .containsExactly("-=1", "parsing=2", "alloc=1", "rounding=1", "calls=1");
  }

  @Test
  void groupsByModelAndPhaseGiveKeepRates() {
    assertThat(log("--log", SMALL.toString(), "--group-by", "model").out())
        .contains("gpt-x         2     1        50%")
        .contains("claude-y      2     1        50%");
    assertThat(log("--log", SMALL.toString(), "--group-by", "phase").out())
        .contains("fewer-calls      2     1        50%  -10.0% [-15.0, -5.0]");
  }

  @Test
  void filtersCombineAndListsMatchAnyValue() {
    CliRun run =
        log("--log", SMALL.toString(), "--status", "keep,discard", "--since", "2026-11-21");
    assertThat(run.out())
        .contains("ccccccc", "fffffff")
        .doesNotContain("bbbbbbb", "eeeeeee", "aaaaaaa");
    assertThat(log("--log", SMALL.toString(), "--tag", "PARSING").out())
        .contains("bbbbbbb", "eeeeeee")
        .contains("2 tries");
    assertThat(
            log("--log", SMALL.toString(), "--model", "claude-y", "--phase", "fewer-calls").out())
        .contains("2 tries: parity_failed 1, keep 1");
    assertThat(log("--log", SMALL.toString(), "--since", "2026-11-21T11:30:00Z").out())
        .contains("1 try: keep 1");
    assertThat(log("--log", SMALL.toString(), "--since", "2026-11-21T12:30:00+01:00").out())
        .contains("1 try: keep 1");
  }

  @Test
  void tsvAndJsonCarryTheSameTries() throws Exception {
    List<String> tsv = log("--log", SMALL.toString(), "--tsv").out().lines().toList();
    assertThat(tsv.get(0)).startsWith("segment\trun\tcommit\tstatus\tphase\tp50_change");
    assertThat(tsv).hasSize(6);
    assertThat(tsv.get(2))
        .isEqualTo(
            "1\t1\tbbbbbbb\tkeep\texact\t-10.000\t-15.000\t-5.000\t-20.000\t-25.000\t-15.000"
                + "\t80.000\tcache the parsed JSON");
    JsonNode json = new ObjectMapper().readTree(log("--log", SMALL.toString(), "--json").out());
    assertThat(json).hasSize(5);
    assertThat(json.get(1).get("p95").get("percent").asDouble()).isEqualTo(-20.0);
    assertThat(json.get(1).get("proposer").get("model").asText()).isEqualTo("gpt-x");
  }

  @Test
  void aKnobSearchsTriesShowEachKnobsValueInAColumnOfItsOwn() throws Exception {
    CliRun table = log("--log", KNOB_RUN.toString());
    assertThat(table.exitCode()).as(table.err()).isEqualTo(ExitCode.OK);
    List<String> lines = table.out().lines().toList();
    assertThat(lines.get(0)).contains("analysis.cacheSize  segments.patternCacheSize  jvm.gc");
    assertThat(lines.get(3))
        .contains("09fbe48  keep")
        .contains(
            "256                 4                          "
                + "-XX:+UseSerialGC  knobs: analysis.cacheSize 64→256");
    assertThat(lines.get(5)).contains("ea4856b  discard").contains("256                 2 ");

    List<String> tsv = log("--log", KNOB_RUN.toString(), "--tsv").out().lines().toList();
    assertThat(tsv.get(0))
        .endsWith("\tmetric\tanalysis.cacheSize\tsegments.patternCacheSize\tjvm.gc\tdescription");
    assertThat(tsv.get(2)).contains("\t16\t4\t-XX:+UseSerialGC\tknobs: analysis.cacheSize 64→16");

    JsonNode json = new ObjectMapper().readTree(log("--log", KNOB_RUN.toString(), "--json").out());
    assertThat(json.get(4).get("knobs").get("analysis.cacheSize").asText()).isEqualTo("256");
    assertThat(json.get(4).get("knobs").get("segments.patternCacheSize").asText()).isEqualTo("2");
  }

  @Test
  void logsWithoutKnobsGetNoKnobColumns() {
    assertThat(log("--log", SMALL.toString(), "--tsv").out().lines().findFirst().orElseThrow())
        .endsWith("\tmetric\tdescription");
  }

  @Test
  void readsPiAutoresearchLogsAndComparesWithTheRunningBest() {
    CliRun run = log("--log", PI.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("b2c3d4e  keep")
        .contains("-5.0%")
        .contains("+2.1%")
        .contains("4 tries: keep 2, discard 1, crash 1");
  }

  @Test
  void severalRunsShowTheirSegmentAndCanBePickedOne() throws Exception {
    Path two = dir.resolve("two.jsonl");
    String first = Files.readString(SMALL);
    Files.writeString(two, first + first.replace("\"segment\":1", "\"segment\":2"));
    CliRun all = log("--log", two.toString());
    assertThat(all.out()).startsWith("seg  run  commit").contains("10 tries");
    assertThat(all.out().lines().filter(l -> l.startsWith("  2    5  fffffff"))).hasSize(1);
    CliRun second = log("--log", two.toString(), "--segment", "2", "--status", "keep");
    assertThat(second.out()).contains("2 tries: keep 2");
    assertThat(log("--log", two.toString(), "--segment", "3").err()).contains("--segment 3: ");
  }

  @Test
  void aMissingLogExitsTwoNamingThePath() {
    CliRun run = log("--spec", dir.resolve("tuner.yaml").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err())
        .contains("no experiment log at " + dir.resolve(".tuner/experiments.jsonl"))
        .contains("tuner optimize");
  }

  @Test
  void anEmptyLogShowsNoTries() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.jsonl"));
    CliRun run = log("--log", empty.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).contains("0 tries");
  }

  @Test
  void badOptionValuesAreUsageErrorsNamingTheOption() {
    CliRun since = log("--log", SMALL.toString(), "--since", "yesterday");
    assertThat(since.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(since.err()).contains("--since: 'yesterday'");
    CliRun group = log("--log", SMALL.toString(), "--group-by", "colour");
    assertThat(group.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(group.err())
        .contains("--group-by: 'colour' is not one of [status, phase, tag, proposer, model]");
  }
}

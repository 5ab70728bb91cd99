package dev.tuner.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuner.harness.ExitCode;
import dev.tuner.io.Json;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab rules} on calibration reports whose truth is known: seeded rounds with one round's p50
 * noise of 2 % (as measured on the example), equal builds in the A/A decisions and B 10 % faster in
 * the others.
 */
class RulesCommandTest {

  @TempDir Path dir;

  @Test
  void decidesEachRealDecisionAgainUnderEveryRuleGiven() throws Exception {
    Path report = report("a.json", 20, 5, 1);

    LabTest.Run run =
        LabTest.Run.of(
            "rules",
            report.toString(),
            "--threshold",
            "0.01,0.5",
            "--looks",
            "9,16,24",
            "--looks",
            "24",
            "--tail-margin",
            "0.03,0.05");

    assertThat(run.exitCode()).as(run.err()).isZero();
    // 2 deltas x 2 plans, and per tail margin only where the criterion reads one.
    assertThat(run.out().lines().filter(l -> l.startsWith("both-improved "))).hasSize(4);
    assertThat(run.out().lines().filter(l -> l.startsWith("median-improved-tail-not-worse ")))
        .hasSize(8);
    assertThat(run.out())
        .contains(report + ": 25 decisions, looks [9, 16, 24], delta 1.0%, alpha 1.0%")
        .contains("A/A (20)", "-10% (5)");
    // δ = 1 %: no A/A decision is kept and every 10 % win is, most of them at the first look.
    String sequential = row(run.out(), "median-improved-tail-not-worse", "1.0%", "[9,16,24]");
    assertThat(sequential).contains(" 0/20 ", " 5/5 ");
    assertThat(meanLooks(sequential)[1]).isGreaterThanOrEqualTo(9).isLessThan(16);
    // One look: every decision reads all 24 rounds.
    String fixed = row(run.out(), "median-improved-tail-not-worse", "1.0%", "[24]");
    assertThat(fixed).contains(" 0/20 ", " 5/5 ").endsWith(" 24.0 24.0");
    // δ = 50 %: nothing is beyond it.
    assertThat(row(run.out(), "median-improved-tail-not-worse", "50.0%", "[9,16,24]"))
        .contains(" 0/20 ", " 0/5 ");
  }

  @Test
  void poolsTheDecisionsOfAScenarioAcrossReportsGzippedOrNotAndReportsTheNoise() throws Exception {
    Path b = report("b.json", 10, 3, 2);
    Path gzipped = dir.resolve("b.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
      Files.copy(b, out);
    }
    LabTest.Run run =
        LabTest.Run.of(
            "rules",
            report("a.json", 10, 2, 1).toString(),
            gzipped.toString(),
            "--criterion",
            "both-improved");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("A/A (20)", "-10% (5)");
    assertThat(run.out()).doesNotContain("median-improved-tail-not-worse  ");
    // One round's p50 noise was drawn with a standard deviation of 2 %.
    assertThat(run.out())
        .containsPattern(
            "noise of one round, A/A \\(480 rounds\\): log B/A of p50 (1\\.[89]|2\\.[01])\\d%");
  }

  @Test
  void aFileThatIsNotACalibrationReportIsAUsageErrorNamingIt() throws Exception {
    Path other = Files.writeString(dir.resolve("other.json"), "{\"runs\": []}");
    LabTest.Run run = LabTest.Run.of("rules", other.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains(other + " lacks 'settings'");

    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"settings\": ");
    run = LabTest.Run.of("rules", broken.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains(broken + " is not JSON");
  }

  @Test
  void aLookBeyondTheRecordedRoundsIsAUsageError() throws Exception {
    LabTest.Run run =
        LabTest.Run.of("rules", report("a.json", 2, 1, 1).toString(), "--looks", "9,16,48");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err())
        .contains("looks [9, 16, 48] need more rounds than the shortest decision's 24");
  }

  private static String row(String out, String criterion, String delta, String looks) {
    return out.lines()
        .filter(l -> l.startsWith(criterion))
        .filter(l -> l.substring(31).trim().startsWith(delta) && l.contains(" " + looks + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + criterion + " " + delta + " in\n" + out));
  }

  /** The last column: each scenario's mean look, in the header's order. */
  private static double[] meanLooks(String row) {
    String[] words = row.trim().split("\\s+");
    return new double[] {
      Double.parseDouble(words[words.length - 2]), Double.parseDouble(words[words.length - 1])
    };
  }

  /** A report of {@code aa} A/A decisions and {@code wins} with B 10 % faster, 24 rounds each. */
  private Path report(String name, int aa, int wins, long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    ObjectNode root = Json.mapper().createObjectNode();
    ObjectNode settings = root.putObject("settings");
    settings.put("design", "interleaved");
    settings.putArray("looks").add(9).add(16).add(24);
    settings.put("threshold", 0.01).put("alpha", 0.01);
    settings.put("criterion", "median-improved-tail-not-worse").put("tail_margin", 0.03);
    ArrayNode runs = root.putArray("runs");
    for (int i = 0; i < aa + wins; i++) {
      ObjectNode run = runs.addObject();
      run.putObject("scenario").put("name", i < aa ? "A/A" : "-10%");
      double factor = i < aa ? 1.0 : 0.9;
      ArrayNode rounds = run.putArray("replicates");
      for (int r = 0; r < 24; r++) {
        ObjectNode round = rounds.addObject();
        double machine = Math.exp(0.03 * random.nextGaussian());
        side(round.putObject("a"), 10e6 * machine, random);
        side(round.putObject("b"), 10e6 * machine * factor, random);
      }
    }
    Path file = dir.resolve(name);
    Json.mapper().writeValue(file.toFile(), root);
    return file;
  }

  /** One side of a round, one case: p50 with 1.41 % noise per side (2 % on B/A), p95 noisier. */
  private static void side(ObjectNode side, double p50, SplittableRandom random) {
    ObjectNode c = side.putObject("case");
    double median = p50 * Math.exp(0.01414 * random.nextGaussian());
    c.put("p50", median);
    c.put("p95", 1.8 * median * Math.exp(0.05 * random.nextGaussian()));
    c.put("allocBytesPerOp", 1000.0);
  }
}

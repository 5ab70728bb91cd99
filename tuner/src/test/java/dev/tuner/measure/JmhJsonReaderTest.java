package dev.tuner.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real JMH 1.37 output of a tiny benchmark (two methods × {@code @Param size} 16, 256; an
 * {@code @AuxCounters(OPERATIONS)} counter {@code embeddings}, 2 per op in {@code work}, 1 in
 * {@code noAlloc}; {@code work} allocates a long[size]), run with {@code -wi 1 -i 2 -w 200ms -r
 * 200ms}:
 *
 * <ul>
 *   <li>tiny-f3-gc.json: {@code -bm sample,thrpt -f 3 -prof gc}
 *   <li>tiny-f3-nogc.json: {@code -bm sample -f 3}
 *   <li>tiny-f1-gc.json: {@code -bm sample -f 1 -prof gc}
 *   <li>tiny-avgt.json: {@code -bm avgt -f 1}
 * </ul>
 */
class JmhJsonReaderTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String WORK_16 = "bench.TinyBench.work[size=16]";
  private static final String WORK_256 = "bench.TinyBench.work[size=256]";
  private static final String NO_ALLOC_16 = "bench.TinyBench.noAlloc[size=16]";

  @TempDir Path tmp;

  @Test
  void readsEverySampleTimeCaseWithItsForks() throws IOException {
    JmhResults run = JmhJsonReader.read(resource("tiny-f3-gc.json"));

    assertThat(run.cases())
        .extracting(JmhCase::id)
        .containsExactlyInAnyOrder(
            NO_ALLOC_16, "bench.TinyBench.noAlloc[size=256]", WORK_16, WORK_256);
    assertThat(run.cases()).allSatisfy(c -> assertThat(c.forks()).hasSize(3));
    assertThat(run.find(WORK_256).orElseThrow().params()).containsEntry("size", "256");
  }

  @Test
  void singleForkRun() throws IOException {
    JmhResults run = JmhJsonReader.read(resource("tiny-f1-gc.json"));

    assertThat(run.cases()).hasSize(4).allSatisfy(c -> assertThat(c.forks()).hasSize(1));
  }

  @Test
  void forkHistogramHoldsEverySampleOfItsMeasurementIterations() throws IOException {
    Path file = resource("tiny-f3-nogc.json");
    JmhResults run = JmhJsonReader.read(file);

    for (JsonNode record : MAPPER.readTree(file.toFile())) {
      String id =
          JmhCase.id(
              record.get("benchmark").asText(),
              MAPPER.convertValue(record.get("params"), java.util.Map.class));
      JsonNode forks = record.at("/primaryMetric/rawDataHistogram");
      List<ForkResult> read = run.find(id).orElseThrow().forks();
      for (int f = 0; f < forks.size(); f++) {
        long total = 0;
        double max = 0;
        for (JsonNode iteration : forks.get(f)) {
          for (JsonNode pair : iteration) {
            total += pair.get(1).asLong();
            max = Math.max(max, pair.get(0).asDouble());
          }
        }
        assertThat(read.get(f).histogram().count()).as("%s fork %d", id, f).isEqualTo(total);
        // us/op in the file, nanoseconds in the histogram.
        assertThat(read.get(f).histogram().max()).isCloseTo(max * 1000, within(1e-6));
      }
    }
  }

  @Test
  void quantilesAreInNanosecondsAndWithinTheHistogram() throws IOException {
    JmhResults run = JmhJsonReader.read(resource("tiny-f3-gc.json"));

    for (JmhCase c : run.cases()) {
      for (ForkResult fork : c.forks()) {
        Quantiles q = fork.quantiles();
        assertThat(q.p50()).isBetween(fork.histogram().min(), q.p95());
        assertThat(q.p95()).isLessThanOrEqualTo(q.p99());
        assertThat(q.p99()).isLessThanOrEqualTo(fork.histogram().max());
        assertThat(q).isEqualTo(fork.histogram().quantiles());
      }
    }
    // Filling a long[16] takes tens of nanoseconds, not tens of microseconds or picoseconds.
    assertThat(run.find(WORK_16).orElseThrow().forks().get(0).quantiles().p50())
        .isBetween(5.0, 5_000.0);
  }

  @Test
  void allocationPerOpComesFromTheGcProfiler() throws IOException {
    JmhResults run = JmhJsonReader.read(resource("tiny-f3-gc.json"));

    // long[16] = 16 B header + 128 B; long[256] = 16 B + 2048 B.
    assertThat(run.find(WORK_16).orElseThrow().forks())
        .allSatisfy(f -> assertThat(f.allocBytesPerOp()).isCloseTo(144, within(4.0)));
    assertThat(run.find(WORK_256).orElseThrow().forks())
        .allSatisfy(f -> assertThat(f.allocBytesPerOp()).isCloseTo(2064, within(30.0)));
    assertThat(run.find(NO_ALLOC_16).orElseThrow().forks())
        .allSatisfy(f -> assertThat(f.allocBytesPerOp()).isBetween(0.0, 1.0));
  }

  @Test
  void allocationIsZeroWithoutTheGcProfiler() throws IOException {
    JmhResults run = JmhJsonReader.read(resource("tiny-f3-nogc.json"));

    assertThat(run.cases())
        .flatExtracting(JmhCase::forks)
        .allSatisfy(
            f -> {
              assertThat(f.secondary()).doesNotContainKey(ForkResult.ALLOC_NORM);
              assertThat(f.allocBytesPerOp()).isZero();
            });
  }

  @Test
  void skipsSampleTimesOwnPercentilesAmongSecondaryMetrics() throws IOException {
    JmhResults run = JmhJsonReader.read(resource("tiny-f3-gc.json"));

    assertThat(run.find(WORK_16).orElseThrow().forks().get(0).secondary())
        .containsKeys("gc.alloc.rate", "gc.alloc.rate.norm", "gc.count")
        .doesNotContainKeys("p0.50", "p0.95", "p1.00");
  }

  @Test
  void auxCountersPerOpComeFromTheThroughputRecord() throws IOException {
    JmhResults run = JmhJsonReader.read(resource("tiny-f3-gc.json"));

    assertThat(run.find(WORK_16).orElseThrow().countersPerOp().get("embeddings"))
        .hasSize(3)
        .allSatisfy(v -> assertThat(v).isCloseTo(2.0, within(0.01)));
    assertThat(run.find(NO_ALLOC_16).orElseThrow().countersPerOp().get("embeddings"))
        .hasSize(3)
        .allSatisfy(v -> assertThat(v).isCloseTo(1.0, within(0.01)));
    assertThat(run.find(WORK_16).orElseThrow().countersPerOp()).containsOnlyKeys("embeddings");
  }

  @Test
  void noAuxCountersWithoutAThroughputRecord() throws IOException {
    JmhResults run = JmhJsonReader.read(resource("tiny-f3-nogc.json"));

    assertThat(run.cases()).allSatisfy(c -> assertThat(c.countersPerOp()).isEmpty());
  }

  @Test
  void missingIterationsOfASecondaryMetricCountAsZero() throws IOException {
    Path file =
        edited(
            "tiny-f1-gc.json",
            records -> {
              ObjectNode norm =
                  (ObjectNode) records.get(0).at("/secondaryMetrics/gc.alloc.rate.norm");
              norm.set("rawData", MAPPER.createArrayNode().add(MAPPER.createArrayNode().add(10.0)));
            });

    // Two measurement iterations, one reported 10 B/op, the other nothing.
    assertThat(JmhJsonReader.read(file).cases().get(0).forks().get(0).allocBytesPerOp())
        .isEqualTo(5.0);
  }

  @Test
  void rejectsAModeOtherThanSampleTime() {
    Path file = resource("tiny-avgt.json");

    assertThatThrownBy(() -> JmhJsonReader.read(file))
        .isInstanceOfSatisfying(JmhResultException.class, e -> assertThat(e.file()).isEqualTo(file))
        .hasMessageContaining(file.toString())
        .hasMessageContaining(WORK_16)
        .hasMessageContaining("mode \"avgt\"");
  }

  @Test
  void rejectsAThroughputRecordWithoutItsSampleTimeRecord() throws IOException {
    Path file = edited("tiny-f3-gc.json", records -> records.remove(findIndex(records, "sample")));

    assertThatThrownBy(() -> JmhJsonReader.read(file))
        .isInstanceOf(JmhResultException.class)
        .hasMessageContaining("has a thrpt result but no SampleTime result");
  }

  @Test
  void rejectsTruncatedJsonNamingTheFileAndLine() throws IOException {
    Path file = tmp.resolve("truncated.json");
    Files.writeString(file, Files.readString(resource("tiny-f1-gc.json")).substring(0, 2000));

    assertThatThrownBy(() -> JmhJsonReader.read(file))
        .isInstanceOfSatisfying(JmhResultException.class, e -> assertThat(e.file()).isEqualTo(file))
        .hasMessageStartingWith(file + ": not valid JSON at line ");
  }

  @Test
  void rejectsMissingOrBrokenFields() throws IOException {
    assertProblem(
        r -> ((ObjectNode) r.get(0)).remove("primaryMetric"),
        NO_ALLOC_16 + ": missing object \"primaryMetric\"");
    assertProblem(
        r -> ((ObjectNode) r.get(0).get("primaryMetric")).remove("rawDataHistogram"),
        "missing array \"rawDataHistogram\"");
    assertProblem(
        r -> ((ObjectNode) r.get(0).get("primaryMetric")).put("scoreUnit", "ops/s"),
        "scoreUnit \"ops/s\" is not a time per operation");
    assertProblem(
        r -> ((ObjectNode) r.get(0)).remove("benchmark"),
        "result #1: missing text field \"benchmark\"");
    assertProblem(
        r ->
            ((ArrayNode) r.get(0).at("/primaryMetric/rawDataHistogram/0/0"))
                .set(0, MAPPER.createArrayNode().add("x").add(1)),
        "is not [value, count]");
    assertProblem(ArrayNode::removeAll, "holds no benchmark results");
  }

  @Test
  void rejectsAFileThatIsNotAnArray() throws IOException {
    Path file = tmp.resolve("object.json");
    Files.writeString(file, "{\"benchmark\": \"x\"}");

    assertThatThrownBy(() -> JmhJsonReader.read(file))
        .isInstanceOf(JmhResultException.class)
        .hasMessageContaining("expected a JSON array of benchmark results");
  }

  private void assertProblem(Consumer<ArrayNode> edit, String message) throws IOException {
    Path file = edited("tiny-f1-gc.json", edit);
    assertThatThrownBy(() -> JmhJsonReader.read(file))
        .isInstanceOfSatisfying(JmhResultException.class, e -> assertThat(e.file()).isEqualTo(file))
        .hasMessageContaining(message);
  }

  private Path edited(String name, Consumer<ArrayNode> edit) throws IOException {
    ArrayNode records = (ArrayNode) MAPPER.readTree(resource(name).toFile());
    edit.accept(records);
    Path file = Files.createTempFile(tmp, "edited-", ".json");
    MAPPER.writeValue(file.toFile(), records);
    return file;
  }

  private static int findIndex(ArrayNode records, String mode) {
    for (int i = 0; i < records.size(); i++) {
      if (records.get(i).get("mode").asText().equals(mode)) {
        return i;
      }
    }
    throw new AssertionError("no " + mode + " record");
  }

  static Path resource(String name) {
    try {
      return Path.of(JmhJsonReaderTest.class.getResource("/jmh/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}

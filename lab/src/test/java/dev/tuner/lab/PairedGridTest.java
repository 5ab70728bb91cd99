package dev.tuner.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tuner.knobs.KnobSpace;
import dev.tuner.spec.TunerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paired grid's bookkeeping: who is compared with whom, and how the chain of ratios reads. */
class PairedGridTest {

  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final String SERIAL = "-XX:+UseSerialGC";
  static final String PARALLEL = "-XX:+UseParallelGC";
  static final String HEADER =
      "analysis.cacheSize\tsegments.patternCacheSize\tjvm.gc\tvs analysis.cacheSize\tvs"
          + " segments.patternCacheSize\tvs jvm.gc\tdesign\treplicates\tp50_ratio\tp95_ratio"
          + "\tp95_low\tp95_high\n";

  static KnobSpace space;
  static Map<String, String> reference;

  @BeforeAll
  static void theExamplesKnobs() throws Exception {
    space = KnobSpace.of(TunerSpec.load(REPO.resolve("tuner.yaml")).knobs());
    reference = point(256, 4, SERIAL);
  }

  @Test
  void aPointIsComparedWithItsCollectorsReferenceAndThatReferenceWithTheReference() {
    assertThat(PairedGrid.againstOf(space, reference, point(1024, 2, SERIAL))).isEqualTo(reference);
    assertThat(PairedGrid.againstOf(space, reference, point(1024, 2, PARALLEL)))
        .isEqualTo(point(256, 4, PARALLEL));
    assertThat(PairedGrid.againstOf(space, reference, point(256, 4, PARALLEL)))
        .isEqualTo(reference);
  }

  @Test
  void aPointsValueIsTheProductOfTheRatiosAlongItsChain(@TempDir Path dir) throws Exception {
    Path table = dir.resolve("paired.tsv");
    Files.writeString(
        table,
        HEADER
            + "256\t4\t"
            + PARALLEL
            + "\t256\t4\t"
            + SERIAL
            + "\tforks\t10\t1.0100\t1.1000\t1.0200\t1.1800\n"
            + "1024\t2\t"
            + PARALLEL
            + "\t256\t4\t"
            + PARALLEL
            + "\tinterleaved\t16\t0.9900\t0.9000\t0.8800\t0.9300\n"
            + "1024\t2\t"
            + SERIAL
            + "\t256\t4\t"
            + SERIAL
            + "\tinterleaved\t16\t0.9800\t0.9500\t0.9300\t0.9700\n");

    Map<Map<String, String>, PairedGrid.Row> rows = PairedGrid.read(table, space);
    Map<Map<String, String>, Double> relative =
        PairedGrid.relative(rows, PairedGrid.reference(rows));

    assertThat(PairedGrid.reference(rows)).isEqualTo(reference);
    assertThat(relative.get(reference)).isEqualTo(1.0);
    assertThat(relative.get(point(1024, 2, SERIAL))).isCloseTo(0.95, within(1e-12));
    assertThat(relative.get(point(1024, 2, PARALLEL))).isCloseTo(1.10 * 0.90, within(1e-12));
    assertThat(rows.get(point(1024, 2, PARALLEL)).design()).isEqualTo("interleaved");
  }

  @Test
  void refiningAGridPutsThePairedRatiosOnTheGridsScaleAtTheReference(@TempDir Path dir)
      throws Exception {
    Path grid = dir.resolve("grid.tsv");
    Files.writeString(
        grid,
        "analysis.cacheSize\tsegments.patternCacheSize\tjvm.gc\tp50_ms\tp95_ms\tseconds\n"
            + "256\t4\t"
            + SERIAL
            + "\t20\t30.0\t60\n"
            + "1024\t2\t"
            + SERIAL
            + "\t20\t27.0\t60\n"
            + "16\t4\t"
            + SERIAL
            + "\t30\t45.0\t60\n");
    Path paired = dir.resolve("paired.tsv");
    Files.writeString(
        paired,
        HEADER
            + "1024\t2\t"
            + SERIAL
            + "\t256\t4\t"
            + SERIAL
            + "\tinterleaved\t16\t0.9800\t1.0500\t1.0200\t1.0800\n");

    KnobGrid.Table refined =
        KnobGrid.Table.read(grid, space).refinedBy(PairedGrid.read(paired, space));

    assertThat(refined.p95())
        .containsEntry(point(256, 4, SERIAL), 30.0)
        .containsEntry(point(16, 4, SERIAL), 45.0);
    assertThat(refined.p95().get(point(1024, 2, SERIAL)))
        .as("30 ms × 1.05, not the grid's 27")
        .isCloseTo(31.5, within(1e-9));
  }

  @Test
  void aPointWhoseChainIsBrokenIsNamed(@TempDir Path dir) throws Exception {
    Path table = dir.resolve("paired.tsv");
    Files.writeString(
        table,
        HEADER
            + "1024\t2\t"
            + PARALLEL
            + "\t256\t4\t"
            + PARALLEL
            + "\tinterleaved\t16\t0.9900\t0.9000\t0.8800\t0.9300\n"
            + "1024\t2\t"
            + SERIAL
            + "\t256\t4\t"
            + SERIAL
            + "\tinterleaved\t16\t0.9800\t0.9500\t0.9300\t0.9700\n");
    Map<Map<String, String>, PairedGrid.Row> rows = PairedGrid.read(table, space);

    assertThatThrownBy(() -> PairedGrid.relative(rows, reference))
        .hasMessageContaining(
            "no comparison ties analysis.cacheSize=256 segments.patternCacheSize=4 jvm.gc="
                + PARALLEL);
  }

  @Test
  void aTableWhoseComparisonsGoRoundInACircleIsRefused(@TempDir Path dir) throws Exception {
    Path table = dir.resolve("paired.tsv");
    Files.writeString(
        table,
        HEADER
            + "1024\t2\t"
            + SERIAL
            + "\t1024\t4\t"
            + SERIAL
            + "\tinterleaved\t16\t1\t1\t1\t1\n"
            + "1024\t4\t"
            + SERIAL
            + "\t1024\t2\t"
            + SERIAL
            + "\tinterleaved\t16\t1\t1\t1\t1\n");
    Map<Map<String, String>, PairedGrid.Row> rows = PairedGrid.read(table, space);

    assertThatThrownBy(() -> PairedGrid.relative(rows, reference))
        .hasMessageContaining("no comparison ties");
  }

  @Test
  void aTableWithoutAColumnItNeedsNamesTheFileLineAndColumn(@TempDir Path dir) throws Exception {
    Path grid = dir.resolve("grid.tsv");
    Files.writeString(
        grid,
        "analysis.cacheSize\tsegments.patternCacheSize\tjvm.gc\tp50_ms\n\n"
            + "256\t4\t"
            + SERIAL
            + "\t20\n");

    assertThatThrownBy(() -> KnobGrid.Table.read(grid, space))
        .hasMessage(grid + " line 3: no column 'p95_ms'");
  }

  static Map<String, String> point(int cache, int patterns, String gc) {
    return space.with(
        Map.of(
            "analysis.cacheSize",
            Integer.toString(cache),
            "segments.patternCacheSize",
            Integer.toString(patterns),
            "jvm.gc",
            gc),
        Map.of());
  }
}

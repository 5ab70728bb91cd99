package dev.tuner.knobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.propose.KnobProposer;
import dev.tuner.spec.TunerSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The knob search over the example's exhaustive grid as measured once ({@code knobs/example-grid.tsv}, made
 * with {@code KnobGrid measure}; see the README, "Knob search"): with the spec's optimiser and seed, from the
 * example's own knob values, it reaches within 5% of the grid's best p95 using a quarter of the grid's
 * evaluations.
 */
class ExampleGridSearchTest {

  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final Path TABLE = REPO.resolve("tuner/src/test/resources/knobs/example-grid.tsv");

  @Test
  void theSearchReachesWithin5PercentOfTheGridsBestInAQuarterOfItsEvaluations() throws Exception {
    TunerSpec spec = TunerSpec.load(REPO.resolve("tuner.yaml"));
    KnobSpace space = KnobSpace.of(spec.knobs());
    KnobGrid.Table table = KnobGrid.Table.read(TABLE, space);
    int grid = space.grid(KnobSpace.GRID_LEVELS).size();
    assertThat(table.p95()).as("every grid point measured").hasSize(grid);
    Map<String, String> start = new KnobProposer(spec.knobs(), "p95", spec.benchmark().jvmOptionsFile()).knobs(REPO);
    double best = table.p95().values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();

    GridReplay.Outcome o = GridReplay.search(space, table, spec.knobs().optimizer(), spec.knobs().seed(), start,
        grid / 4);

    assertThat(o.evaluations()).isLessThanOrEqualTo(grid / 4);
    assertThat(o.value()).as("best found at %s", o.best()).isLessThanOrEqualTo(1.05 * best);
  }
}

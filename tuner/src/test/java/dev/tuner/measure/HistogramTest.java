package dev.tuner.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.apache.commons.statistics.descriptive.Quantile;
import org.junit.jupiter.api.Test;

class HistogramTest {

  @Test
  void quantilesEqualCommonsStatisticsInverseCdfOnTheExpandedSamples() {
    SplittableRandom random = new SplittableRandom(42);
    Quantile hf1 = Quantile.withDefaults().with(Quantile.EstimationMethod.HF1);
    double[] ps = {0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1};
    for (int trial = 0; trial < 200; trial++) {
      TreeMap<Double, Long> counts = new TreeMap<>();
      int distinct = 1 + random.nextInt(40);
      for (int i = 0; i < distinct; i++) {
        // Timer ticks: few distinct values with many repeats, like JMH's histograms.
        counts.merge(10.0 * (1 + random.nextInt(60)), 1L + random.nextInt(500), Long::sum);
      }
      double[] expanded =
          counts.entrySet().stream()
              .flatMapToDouble(e -> LongStream.range(0, e.getValue()).mapToDouble(i -> e.getKey()))
              .toArray();

      Histogram h = Histogram.of(counts);

      assertThat(h.count()).isEqualTo(expanded.length);
      for (double p : ps) {
        assertThat(h.quantile(p)).as("p=%s of %s", p, counts).isEqualTo(hf1.evaluate(expanded, p));
      }
    }
  }

  @Test
  void quantileIsAnObservedValue() {
    TreeMap<Double, Long> counts = new TreeMap<>();
    counts.put(30.0, 3L);
    counts.put(40.0, 1L);

    Histogram h = Histogram.of(counts);

    // Rank ceil(4 * 0.5) = 2 is 30; an interpolating definition would give 30..35.
    assertThat(h.quantile(0.5)).isEqualTo(30.0);
    assertThat(h.quantile(0.76)).isEqualTo(40.0);
    assertThat(h.quantiles()).isEqualTo(new Quantiles(30.0, 40.0, 40.0));
    assertThat(Arrays.asList(h.min(), h.max(), (double) h.distinctValues()))
        .containsExactly(30.0, 40.0, 2.0);
  }

  @Test
  void rejectsEmptyAndNonPositiveCounts() {
    assertThatThrownBy(() -> Histogram.of(new TreeMap<>()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no samples");
    TreeMap<Double, Long> zero = new TreeMap<>();
    zero.put(1.0, 0L);
    assertThatThrownBy(() -> Histogram.of(zero))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not positive");
    TreeMap<Double, Long> negative = new TreeMap<>();
    negative.put(-1.0, 1L);
    assertThatThrownBy(() -> Histogram.of(negative))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a finite duration");
  }
}

package dev.tuner.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * What "better" means.
 *
 * @param primary the metric the log and reports lead with ({@code p50} or {@code p95})
 * @param threshold the smallest relative change worth keeping (0.01 = 1%): a change is kept only
 *     when its whole confidence interval lies beyond it
 */
public record MetricSpec(Quantile primary, Direction direction, Double threshold) {

  public static final MetricSpec DEFAULTS = new MetricSpec(null, null, null);

  public MetricSpec {
    primary = primary == null ? Quantile.P95 : primary;
    direction = direction == null ? Direction.LOWER : direction;
    threshold = threshold == null ? 0.01 : threshold;
  }

  /** The primary metric as the log and the statistics name it: {@code p50} or {@code p95}. */
  public String primaryName() {
    return primary.name().toLowerCase(Locale.ROOT);
  }

  /** The latency quantiles the tuner reports and decides on. */
  public enum Quantile {
    @JsonProperty("p50")
    P50,
    @JsonProperty("p95")
    P95
  }

  /** Latency only gets better downwards; the key exists so the spec says so explicitly. */
  public enum Direction {
    @JsonProperty("lower")
    LOWER
  }
}

package dev.tuner.log;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seconds spent per stage of a try; null for stages that did not run.
 *
 * @param profile recording the best's profile before this try was proposed (the start's, or a new
 *     best's for a proposer whose prompt quotes it; 0 when it was already recorded); null when the
 *     loop did not ask for one
 * @param bench the whole benchmark stage, JVM starts included
 * @param warmup of {@code bench}, the time before the first measured round (interleaved design)
 * @param measure of {@code bench}, the rest: measured rounds up to the decision
 */
public record WallTime(
    Double profile,
    Double propose,
    Double build,
    Double parity,
    Double bench,
    Double warmup,
    Double measure) {

  /** Every stage {@link #stages()} may name, in the order of a try. */
  public static final java.util.List<String> ORDER =
      java.util.List.of("profile", "propose", "build", "parity", "warm-up", "measure", "bench");

  public WallTime(Double propose, Double build, Double parity, Double bench) {
    this(propose, build, parity, bench, null, null);
  }

  public WallTime(
      Double propose, Double build, Double parity, Double bench, Double warmup, Double measure) {
    this(null, propose, build, parity, bench, warmup, measure);
  }

  /** These times with the profile recorded before the try. */
  public WallTime withProfile(Double seconds) {
    return new WallTime(seconds, propose, build, parity, bench, warmup, measure);
  }

  /** These times with the benchmark read as one stage, not split into warm-up and measure. */
  public WallTime unsplit() {
    return new WallTime(profile, propose, build, parity, bench, null, null);
  }

  /** A stage's time as the log writes it: seconds to one decimal. */
  public static double seconds(Duration d) {
    return seconds(d.toMillis() / 1e3);
  }

  /** Seconds to one decimal. */
  public static double seconds(double s) {
    return Math.round(s * 10) / 10.0;
  }

  /**
   * The stages that ran, in order, as people read them: the benchmark as warm-up and measure when
   * the log has both, else as one stage.
   */
  public Map<String, Double> stages() {
    Map<String, Double> stages = new LinkedHashMap<>();
    put(stages, "profile", profile);
    put(stages, "propose", propose);
    put(stages, "build", build);
    put(stages, "parity", parity);
    if (warmup != null && measure != null) {
      stages.put("warm-up", warmup);
      stages.put("measure", measure);
    } else {
      put(stages, "bench", bench);
    }
    return stages;
  }

  /** All of the try's stages together. */
  public double total() {
    double total = 0;
    for (Double s : new Double[] {profile, propose, build, parity, bench}) {
      total += s == null ? 0 : s;
    }
    return total;
  }

  private static void put(Map<String, Double> stages, String name, Double seconds) {
    if (seconds != null) {
      stages.put(name, seconds);
    }
  }
}

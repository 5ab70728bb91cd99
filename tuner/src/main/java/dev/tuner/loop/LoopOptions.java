package dev.tuner.loop;

import dev.tuner.spec.OptimizeSpec;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One run's settings: the spec's {@code optimize} section with command-line overrides applied.
 *
 * @param tag names the branch {@code tuner/<tag>}
 * @param maxWall null for no wall-clock budget
 * @param maxCostUsd null for no cost cap
 * @param plateau benchmarked tries in a row that did not beat the best, after which the run stops
 * @param plateauSet whether the user asked for the plateau ({@code --plateau}); a patch queue runs
 *     to its end unless they did
 * @param targetMs null for no target
 * @param minStageTimeout no stage's deadline is shorter, however quick the baseline was: a loaded
 *     machine is slow
 */
public record LoopOptions(
    String tag,
    boolean resume,
    int maxExperiments,
    Duration maxWall,
    Double maxCostUsd,
    int plateau,
    boolean plateauSet,
    Double targetMs,
    int exploreEvery,
    double timeoutFactor,
    Duration minStageTimeout,
    Duration proposerTimeout) {

  /** Consecutive crashes or build failures after which the loop gives up: something is broken. */
  public static final int MAX_BREAKAGES = 3;

  public static LoopOptions from(OptimizeSpec spec, String tag, boolean resume) {
    return new LoopOptions(
        tag,
        resume,
        spec.maxExperiments(),
        spec.maxWallMinutes() == null ? null : Duration.ofMinutes(spec.maxWallMinutes()),
        spec.maxCostUsd(),
        spec.plateau(),
        false,
        spec.targetMs(),
        spec.exploreEvery(),
        spec.timeoutFactor(),
        Duration.ofSeconds(spec.minStageSeconds()),
        Duration.ofSeconds(spec.proposer().timeoutSeconds()));
  }

  public LoopOptions withMaxExperiments(int n) {
    return edit(f -> f.maxExperiments = n);
  }

  public LoopOptions withMaxWall(Duration d) {
    return edit(f -> f.maxWall = d);
  }

  public LoopOptions withMaxCostUsd(Double usd) {
    return edit(f -> f.maxCostUsd = usd);
  }

  /** The plateau the user asked for: it holds for a patch queue too. */
  public LoopOptions withPlateau(int n) {
    return edit(
        f -> {
          f.plateau = n;
          f.plateauSet = true;
        });
  }

  public LoopOptions withExploreEvery(int n) {
    return edit(f -> f.exploreEvery = n);
  }

  /** A copy with what {@code change} sets. */
  private LoopOptions edit(Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return new LoopOptions(
        f.tag,
        f.resume,
        f.maxExperiments,
        f.maxWall,
        f.maxCostUsd,
        f.plateau,
        f.plateauSet,
        f.targetMs,
        f.exploreEvery,
        f.timeoutFactor,
        f.minStageTimeout,
        f.proposerTimeout);
  }

  /** The components, settable, for {@link #edit}. */
  private static final class Fields {
    final String tag;
    final boolean resume;
    int maxExperiments;
    Duration maxWall;
    Double maxCostUsd;
    int plateau;
    boolean plateauSet;
    final Double targetMs;
    int exploreEvery;
    final double timeoutFactor;
    final Duration minStageTimeout;
    final Duration proposerTimeout;

    Fields(LoopOptions o) {
      tag = o.tag;
      resume = o.resume;
      maxExperiments = o.maxExperiments;
      maxWall = o.maxWall;
      maxCostUsd = o.maxCostUsd;
      plateau = o.plateau;
      plateauSet = o.plateauSet;
      targetMs = o.targetMs;
      exploreEvery = o.exploreEvery;
      timeoutFactor = o.timeoutFactor;
      minStageTimeout = o.minStageTimeout;
      proposerTimeout = o.proposerTimeout;
    }
  }

  /** A stage's deadline: the factor times the baseline's time for it, never below the floor. */
  public Duration stageTimeout(Duration baseline) {
    Duration scaled = Duration.ofMillis((long) (baseline.toMillis() * timeoutFactor));
    return scaled.compareTo(minStageTimeout) < 0 ? minStageTimeout : scaled;
  }
}

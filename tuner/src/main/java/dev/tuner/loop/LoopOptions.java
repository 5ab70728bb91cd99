package dev.tuner.loop;

import dev.tuner.spec.OptimizeSpec;
import java.time.Duration;

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
    return new LoopOptions(
        tag,
        resume,
        n,
        maxWall,
        maxCostUsd,
        plateau,
        plateauSet,
        targetMs,
        exploreEvery,
        timeoutFactor,
        minStageTimeout,
        proposerTimeout);
  }

  public LoopOptions withMaxWall(Duration d) {
    return new LoopOptions(
        tag,
        resume,
        maxExperiments,
        d,
        maxCostUsd,
        plateau,
        plateauSet,
        targetMs,
        exploreEvery,
        timeoutFactor,
        minStageTimeout,
        proposerTimeout);
  }

  public LoopOptions withMaxCostUsd(Double usd) {
    return new LoopOptions(
        tag,
        resume,
        maxExperiments,
        maxWall,
        usd,
        plateau,
        plateauSet,
        targetMs,
        exploreEvery,
        timeoutFactor,
        minStageTimeout,
        proposerTimeout);
  }

  /** The plateau the user asked for: it holds for a patch queue too. */
  public LoopOptions withPlateau(int n) {
    return new LoopOptions(
        tag,
        resume,
        maxExperiments,
        maxWall,
        maxCostUsd,
        n,
        true,
        targetMs,
        exploreEvery,
        timeoutFactor,
        minStageTimeout,
        proposerTimeout);
  }

  public LoopOptions withExploreEvery(int n) {
    return new LoopOptions(
        tag,
        resume,
        maxExperiments,
        maxWall,
        maxCostUsd,
        plateau,
        plateauSet,
        targetMs,
        n,
        timeoutFactor,
        minStageTimeout,
        proposerTimeout);
  }

  /** A stage's deadline: the factor times the baseline's time for it, never below the floor. */
  public Duration stageTimeout(Duration baseline) {
    Duration scaled = Duration.ofMillis((long) (baseline.toMillis() * timeoutFactor));
    return scaled.compareTo(minStageTimeout) < 0 ? minStageTimeout : scaled;
  }
}

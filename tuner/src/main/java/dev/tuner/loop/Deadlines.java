package dev.tuner.loop;

import dev.tuner.log.WallTime;
import dev.tuner.spec.BenchmarkSpec;
import java.time.Duration;
import java.util.List;

/**
 * How long each stage of a try may take: the spec's factor times the baseline's own time for it,
 * never below a floor, since a loaded machine is slow.
 *
 * @param benchForks the benchmark's deadline when the two builds' JVM options differ: the forks
 *     design, up to its last look per side, takes longer than the interleaved one
 */
record Deadlines(Duration build, Duration parity, Duration bench, Duration benchForks) {

  /** An interleaved comparison warms both builds up first, however quick the baseline was. */
  private static final Duration MIN_BENCH = Duration.ofMinutes(10);

  /** The baseline's own deadlines, before there is anything to scale. */
  static Deadlines forBaseline(int buildSeconds) {
    return new Deadlines(
        Duration.ofSeconds(buildSeconds),
        Duration.ofMinutes(10),
        Duration.ofMinutes(60),
        Duration.ofMinutes(60));
  }

  static Deadlines after(WallTime baseline, LoopOptions options, BenchmarkSpec benchmark) {
    List<Integer> looks = BenchmarkSpec.Design.FORKS.defaultLooks();
    long forksFactor = Math.max(2, 2L * looks.get(looks.size() - 1) / benchmark.jmh().forks());
    Duration bench = ofSeconds(baseline.bench());
    return new Deadlines(
        options.stageTimeout(ofSeconds(baseline.build())),
        options.stageTimeout(ofSeconds(baseline.parity())),
        atLeast(options.stageTimeout(bench.multipliedBy(2))),
        atLeast(options.stageTimeout(bench.multipliedBy(forksFactor))));
  }

  private static Duration atLeast(Duration d) {
    return d.compareTo(MIN_BENCH) < 0 ? MIN_BENCH : d;
  }

  private static Duration ofSeconds(Double s) {
    return Duration.ofMillis((long) ((s == null ? 0 : s) * 1000));
  }
}

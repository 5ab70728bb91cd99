package dev.tuner.log;

import java.time.Duration;

/** Seconds spent per stage of a try; null for stages that did not run. */
public record WallTime(Double propose, Double build, Double parity, Double bench) {

  /** A stage's time as the log writes it: seconds to one decimal. */
  public static double seconds(Duration d) {
    return Math.round(d.toMillis() / 100.0) / 10.0;
  }
}

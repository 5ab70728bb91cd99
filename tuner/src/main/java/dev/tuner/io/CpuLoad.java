package dev.tuner.io;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Neighbours that keep cores busy: {@code n} processes spinning in a shell loop, started and
 * stopped by tuner itself, so a calibration "under load" is the same load every time.
 */
public final class CpuLoad implements AutoCloseable {

  private final List<Process> spinners;

  private CpuLoad(List<Process> spinners) {
    this.spinners = spinners;
  }

  /** Starts {@code n} spinning processes (none for 0). */
  public static CpuLoad start(int n) throws IOException {
    List<Process> spinners = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        spinners.add(
            Processes.builder(List.of("bash", "-c", "while :; do :; done"), null, Map.of())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start());
      }
    } catch (IOException e) {
      new CpuLoad(spinners).close();
      throw e;
    }
    return new CpuLoad(spinners);
  }

  /** The spinning processes' ids. */
  public List<Long> pids() {
    return spinners.stream().map(Process::pid).toList();
  }

  @Override
  public void close() {
    spinners.forEach(p -> Processes.stop(p, Duration.ofSeconds(2)));
  }
}

package dev.tuner.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CpuLoadTest {

  @Test
  void theBusyProcessesRunUntilClosedAndAreGoneAfter() throws Exception {
    List<Long> pids;
    try (CpuLoad load = CpuLoad.start(2)) {
      pids = load.pids();
      assertThat(pids).hasSize(2);
      for (long pid : pids) {
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
      }
    }
    for (long pid : pids) {
      Optional<ProcessHandle> handle = ProcessHandle.of(pid);
      assertThat(handle.map(ProcessHandle::isAlive).orElse(false)).as("pid " + pid).isFalse();
    }
  }

  @Test
  void noLoadStartsNothing() throws Exception {
    try (CpuLoad load = CpuLoad.start(0)) {
      assertThat(load.pids()).isEmpty();
    }
  }
}

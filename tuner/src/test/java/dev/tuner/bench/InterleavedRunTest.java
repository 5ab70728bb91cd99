package dev.tuner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.decide.CaseFork;
import dev.tuner.harness.runner.InterleaveProtocol;
import dev.tuner.measure.Clock;
import dev.tuner.measure.HarrellDavis;
import dev.tuner.measure.QuantileEstimator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class InterleavedRunTest {

  @Test
  void aRoundLineGivesEachSideItsOwnQuantilesAllocationAndCalls() throws Exception {
    String line =
        "{\"type\":\"round\",\"round\":7,\"warmup\":false,\"seconds\":12.5,\"cases\":{"
            + "\"ai\":{\"a\":{\"nanos\":[5,1,4,2,3,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20],\"allocBytesPerOp\":1000.0,"
            + "\"callsPerOp\":{\"embeddings\":1.0,\"reference\":20.0}},"
            + "\"b\":{\"nanos\":[2,4,6,8,10,12,14,16,18,20,22,24,26,28,30,32,34,36,38,40],\"allocBytesPerOp\":900.0,"
            + "\"callsPerOp\":{\"embeddings\":1.0,\"reference\":19.0}}}}}";

    InterleavedRun.Round round =
        InterleavedRun.parse(
            (InterleaveProtocol.Round) InterleaveProtocol.parse(line),
            false,
            QuantileEstimator.ORDER_STATISTIC,
            Clock.WALL);

    assertThat(round.index()).isEqualTo(7);
    assertThat(round.warmup()).isFalse();
    assertThat(round.seconds()).isEqualTo(12.5);
    // Inverse empirical CDF over 20 samples: p50 is the 10th smallest, p95 the 19th.
    assertThat(round.a().cases().get("ai")).isEqualTo(new CaseFork(10, 19, 1000));
    assertThat(round.b().cases().get("ai")).isEqualTo(new CaseFork(20, 38, 900));
    assertThat(round.callsB().get("ai")).containsEntry("reference", 19.0);
    // The operations stay with the round, so calibrate can read them again another way.
    assertThat(round.samples().b().get("ai")).hasSize(20).contains(40.0);
    Replicate replicate =
        new Replicate(1, 1, round.a(), round.b(), round.callsA(), round.callsB(), round.samples());
    Replicate smooth = replicate.reread(QuantileEstimator.HARRELL_DAVIS, Clock.WALL);
    assertThat(smooth.b().cases().get("ai").p95())
        .isEqualTo(HarrellDavis.quantile(round.samples().b().get("ai"), 0.95))
        .isNotEqualTo(38.0);
    assertThat(smooth.b().cases().get("ai").allocBytesPerOp()).isEqualTo(900);
    assertThat(replicate.reread(QuantileEstimator.ORDER_STATISTIC, Clock.WALL).b())
        .isEqualTo(round.b());

    InterleavedRun.Round swapped =
        InterleavedRun.parse(
            (InterleaveProtocol.Round) InterleaveProtocol.parse(line),
            true,
            QuantileEstimator.ORDER_STATISTIC,
            Clock.WALL);
    assertThat(swapped.a().cases().get("ai")).isEqualTo(new CaseFork(20, 38, 900));
    assertThat(swapped.samples().a().get("ai")).contains(40.0);
  }

  @Test
  void theCpuClockReadsCpuTimesAndRefusesALineWithout() throws Exception {
    String line =
        "{\"type\":\"round\",\"round\":2,\"warmup\":false,\"seconds\":1.0,\"cases\":{"
            + "\"ai\":{\"a\":{\"nanos\":[10,20,30],\"cpuNanos\":[1,2,3],\"allocBytesPerOp\":1.0,"
            + "\"callsPerOp\":{}},\"b\":{\"nanos\":[40,50,60],\"cpuNanos\":[4,5,6],"
            + "\"allocBytesPerOp\":1.0,\"callsPerOp\":{}}}}}";
    InterleaveProtocol.Round parsed = (InterleaveProtocol.Round) InterleaveProtocol.parse(line);

    InterleavedRun.Round cpu =
        InterleavedRun.parse(parsed, false, QuantileEstimator.ORDER_STATISTIC, Clock.CPU);
    InterleavedRun.Round wall =
        InterleavedRun.parse(parsed, false, QuantileEstimator.ORDER_STATISTIC, Clock.WALL);

    assertThat(cpu.a().cases().get("ai").p50()).isEqualTo(2);
    assertThat(cpu.b().cases().get("ai").p50()).isEqualTo(5);
    // The wall clock's median rides along, for the rule's check that it did not get worse.
    assertThat(cpu.b().cases().get("ai").wallP50()).isEqualTo(50);
    assertThat(wall.b().cases().get("ai").p50()).isEqualTo(50);
    assertThat(wall.b().cases().get("ai").wallP50()).isEqualTo(50);
    Replicate r =
        new Replicate(1, 1, wall.a(), wall.b(), wall.callsA(), wall.callsB(), wall.samples());
    assertThat(r.reread(QuantileEstimator.ORDER_STATISTIC, Clock.CPU).b()).isEqualTo(cpu.b());

    String old = line.replace(",\"cpuNanos\":[1,2,3]", "").replace(",\"cpuNanos\":[4,5,6]", "");
    InterleaveProtocol.Round withoutCpu = (InterleaveProtocol.Round) InterleaveProtocol.parse(old);
    assertThatThrownBy(
            () ->
                InterleavedRun.parse(
                    withoutCpu, false, QuantileEstimator.ORDER_STATISTIC, Clock.CPU))
        .hasMessageContaining("no CPU times");
  }

  @Test
  void aKillForTheDeadlineThatClosesTheStreamUnderAReadIsATimeout() throws Exception {
    // The watchdog finds the deadline passed at once; the read in progress fails when the kill
    // lands, as the JDK's process stream does when the process exits under it. A latch orders
    // them, so the race the fork test cannot aim at is hit every time.
    try (InterleavedRun run =
        new InterleavedRun(
            new KilledUnderARead(),
            new PrintWriter(new StringWriter()),
            Duration.ofSeconds(1),
            false,
            QuantileEstimator.ORDER_STATISTIC)) {
      assertThatThrownBy(() -> run.awaitReady((round, seconds) -> {}))
          .isInstanceOfSatisfying(
              BenchFailedException.class, e -> assertThat(e.timedOut()).isTrue())
          .hasMessage("the in-JVM A/B runner ran past its time and was killed");
    }
  }

  /** A JVM past its deadline whose output stream fails with "Stream closed" once it is killed. */
  private static final class KilledUnderARead extends Process {
    private final CountDownLatch killed = new CountDownLatch(1);

    @Override
    public InputStream getInputStream() {
      return new InputStream() {
        @Override
        public int read() throws IOException {
          try {
            killed.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new IOException("Stream closed");
        }
      };
    }

    @Override
    public OutputStream getOutputStream() {
      return OutputStream.nullOutputStream();
    }

    @Override
    public InputStream getErrorStream() {
      return InputStream.nullInputStream();
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) {
      return killed.getCount() == 0;
    }

    @Override
    public int waitFor() throws InterruptedException {
      killed.await();
      return 137;
    }

    @Override
    public int exitValue() {
      if (killed.getCount() > 0) {
        throw new IllegalThreadStateException("still running");
      }
      return 137;
    }

    @Override
    public boolean isAlive() {
      return killed.getCount() > 0;
    }

    @Override
    public void destroy() {
      killed.countDown();
    }

    @Override
    public Process destroyForcibly() {
      killed.countDown();
      return this;
    }

    @Override
    public Stream<ProcessHandle> descendants() {
      return Stream.empty();
    }
  }
}

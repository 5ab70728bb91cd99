package dev.tuner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuner.decide.CaseFork;
import org.junit.jupiter.api.Test;

class InterleavedRunTest {

  @Test
  void aRoundLineGivesEachSideItsOwnQuantilesAllocationAndCalls() throws Exception {
    String line = "{\"type\":\"round\",\"round\":7,\"warmup\":false,\"seconds\":12.5,\"cases\":{"
        + "\"ai\":{\"a\":{\"nanos\":[5,1,4,2,3,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20],\"allocBytesPerOp\":1000.0,"
        + "\"callsPerOp\":{\"embeddings\":1.0,\"reference\":20.0}},"
        + "\"b\":{\"nanos\":[2,4,6,8,10,12,14,16,18,20,22,24,26,28,30,32,34,36,38,40],\"allocBytesPerOp\":900.0,"
        + "\"callsPerOp\":{\"embeddings\":1.0,\"reference\":19.0}}}}}";

    InterleavedRun.Round round = InterleavedRun.parse(new ObjectMapper().readTree(line));

    assertThat(round.index()).isEqualTo(7);
    assertThat(round.warmup()).isFalse();
    assertThat(round.seconds()).isEqualTo(12.5);
    // Inverse empirical CDF over 20 samples: p50 is the 10th smallest, p95 the 19th.
    assertThat(round.a().cases().get("ai")).isEqualTo(new CaseFork(10, 19, 1000));
    assertThat(round.b().cases().get("ai")).isEqualTo(new CaseFork(20, 38, 900));
    assertThat(round.callsB().get("ai")).containsEntry("reference", 19.0);
  }
}

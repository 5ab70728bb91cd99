package dev.tuner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class KeepRateTest {

  @Test
  void clopperPearsonMatchesTheExactBinomialBounds() {
    // 5 of 20: the textbook exact interval is [0.0866, 0.4910].
    var mid = KeepRate.clopperPearson(20, 5);
    assertThat(mid.getLowerBound()).isCloseTo(0.0866, offset(1e-4));
    assertThat(mid.getUpperBound()).isCloseTo(0.4910, offset(1e-4));
    // 0 of 60: the "rule of three" approximation is 3/60 = 5%; the exact bound is 5.96%.
    assertThat(KeepRate.clopperPearson(60, 0).getUpperBound()).isCloseTo(0.0596, offset(1e-4));
    assertThat(KeepRate.clopperPearson(1, 1).getLowerBound()).isCloseTo(0.025, offset(1e-9));
  }
}

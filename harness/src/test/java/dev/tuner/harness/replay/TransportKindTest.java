package dev.tuner.harness.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransportKindTest {

  @Test
  void eachTransportHasTheLabelUsersType() {
    assertThat(TransportKind.IN_PROCESS.label()).isEqualTo("in-process");
    assertThat(TransportKind.LOOPBACK.label()).isEqualTo("loopback");
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aLabelParsesBackToItsTransport(TransportKind kind) {
    assertThat(TransportKind.parse(kind.label())).isSameAs(kind);
  }

  @Test
  void anUnknownLabelIsRefusedNamingItAndTheChoices() {
    assertThatThrownBy(() -> TransportKind.parse("IN_PROCESS"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown transport 'IN_PROCESS'; expected in-process or loopback");
  }
}

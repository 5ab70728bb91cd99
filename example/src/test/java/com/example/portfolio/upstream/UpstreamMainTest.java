package com.example.portfolio.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.portfolio.upstream.UpstreamMain.Options;
import org.junit.jupiter.api.Test;

class UpstreamMainTest {

  @Test
  void defaultsToPort18080AndFifteenMillisecondsOfLatency() {
    assertThat(UpstreamMain.parse(new String[0])).isEqualTo(new Options(18_080, 15, false));
  }

  @Test
  void readsFlagsWithSpacesOrEqualsSigns() {
    assertThat(UpstreamMain.parse(new String[] {"--port", "0", "--latency-ms=3"}))
        .isEqualTo(new Options(0, 3, false));
    assertThat(UpstreamMain.parse(new String[] {"--help"}).help()).isTrue();
  }

  @Test
  void rejectsBadFlagsNamingThem() {
    assertThatThrownBy(() -> UpstreamMain.parse(new String[] {"--prot", "1"}))
        .hasMessageContaining("--prot");
    assertThatThrownBy(() -> UpstreamMain.parse(new String[] {"--port"}))
        .hasMessageContaining("--port needs a value");
    assertThatThrownBy(() -> UpstreamMain.parse(new String[] {"--port", "http"}))
        .hasMessageContaining("--port must be an integer");
    assertThatThrownBy(() -> UpstreamMain.parse(new String[] {"--latency-ms", "-1"}))
        .hasMessageContaining("--latency-ms must be between");
    assertThatThrownBy(() -> UpstreamMain.parse(new String[] {"--port", "70000"}))
        .hasMessageContaining("--port");
  }
}

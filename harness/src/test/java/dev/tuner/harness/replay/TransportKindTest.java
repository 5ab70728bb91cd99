package dev.tuner.harness.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.harness.spec.HarnessSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

  @Test
  void aSpecsBenchmarkTransportIsItsDefaultTransport(@TempDir Path dir) throws Exception {
    assertThat(TransportKind.of(spec(dir, ""))).isSameAs(TransportKind.IN_PROCESS);
    assertThat(TransportKind.of(spec(dir, "benchmark: {jvmArgs: [-Xmx1g]}")))
        .isSameAs(TransportKind.IN_PROCESS);
    assertThat(TransportKind.of(spec(dir, "benchmark: {transport: loopback, jmh: {forks: 1}}")))
        .isSameAs(TransportKind.LOOPBACK);
    HarnessSpec pigeon = spec(dir, "benchmark: {transport: pigeon}");
    assertThatThrownBy(() -> TransportKind.of(pigeon))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "benchmark.transport: unknown transport 'pigeon'; expected in-process or loopback");
  }

  private static HarnessSpec spec(Path dir, String benchmark) throws Exception {
    return HarnessSpec.load(
        Files.writeString(
            dir.resolve("tuner.yaml"),
            String.join(
                "\n",
                "target: {hotPath: com.example.Hot}",
                "upstreams: {search: {url: 'http://127.0.0.1:9/search'}}",
                "cases: [{id: one, input: {}}]",
                benchmark,
                "")));
  }
}

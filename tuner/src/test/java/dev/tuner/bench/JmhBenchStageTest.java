package dev.tuner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.io.Classpath;
import dev.tuner.spec.BenchmarkSpec.Design;
import dev.tuner.spec.TunerSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JmhBenchStageTest {

  static final Path SPEC = Path.of("..").toAbsolutePath().normalize().resolve("tuner.yaml");

  @Test
  void buildsWithDifferentJvmOptionsAreComparedInSeparateJvms() throws Exception {
    TunerSpec spec = TunerSpec.load(SPEC);
    assertThat(spec.benchmark().compare().design()).isEqualTo(Design.INTERLEAVED);
    JmhBenchStage bench = new JmhBenchStage(spec, SPEC, new PrintWriter(new StringWriter()));
    Classpath jar = Classpath.of(Path.of("a.jar"));
    BenchStage.Build serial = new BenchStage.Build(jar, List.of("-XX:+UseSerialGC"));
    BenchStage.Build parallel = new BenchStage.Build(jar, List.of("-XX:+UseParallelGC"));

    assertThat(bench.settingsFor(serial, parallel, List.of("ai-default"), Path.of("w")).design())
        .isEqualTo(Design.FORKS);
    assertThat(bench.settingsFor(serial, serial, List.of("ai-default"), Path.of("w")).design())
        .isEqualTo(Design.INTERLEAVED);
    assertThat(
            bench
                .settingsFor(
                    new BenchStage.Build(jar, List.of()),
                    serial,
                    List.of("ai-default"),
                    Path.of("w"))
                .design())
        .as("the spec's jvmArgs already choose the serial collector")
        .isEqualTo(Design.INTERLEAVED);
  }
}

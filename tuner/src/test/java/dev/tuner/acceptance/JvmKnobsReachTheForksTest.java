package dev.tuner.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuner.ExampleBuild;
import dev.tuner.bench.AbComparison;
import dev.tuner.bench.CompareSettings;
import dev.tuner.bench.JmhOptions;
import dev.tuner.bench.JmhRunner;
import dev.tuner.io.Classpath;
import dev.tuner.spec.BenchmarkSpec.Design;
import dev.tuner.spec.JvmOptionsFile;
import dev.tuner.spec.TunerSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JVM-option knobs reach the benchmark JVMs: each fork reports its own input arguments
 * (RuntimeMXBean) in its calls file, and a comparison of builds with different options runs each
 * side's JVMs with that side's options.
 */
class JvmKnobsReachTheForksTest {

  static final Classpath BUILD = ExampleBuild.classpath();
  static final Path SPEC = ExampleUpstream.REPO.resolve("tuner.yaml");
  static final List<String> CASES = List.of("water-europe");

  @TempDir Path work;

  static JmhOptions tiny(TunerSpec spec) {
    return JmhOptions.of(spec.benchmark())
        .withForks(1)
        .withWarmup(1, "200ms")
        .withMeasurement(1, "200ms");
  }

  @Test
  void aBenchRunsForkHasTheKnobsCollectorAndNotTheSpecsOne() throws Exception {
    TunerSpec spec = TunerSpec.load(SPEC);
    JmhOptions options = tiny(spec);
    options =
        options.withJvmArgs(
            JvmOptionsFile.merge(
                options.jvmArgs(), List.of("-XX:+UseParallelGC", "-Dtuner.knob.echo=on")));
    JmhRunner.run(
        BUILD, SPEC, CASES, options, work.resolve("out"), new PrintWriter(new StringWriter()));

    List<String> args = forkArguments(work.resolve("out/calls"));
    assertThat(args)
        .contains("-XX:+UseParallelGC", "-Dtuner.knob.echo=on")
        .doesNotContain("-XX:+UseSerialGC");
  }

  @Test
  void aComparisonOfDifferentJvmOptionsRunsEachSideWithItsOwnInSeparateJvms() throws Exception {
    TunerSpec spec = TunerSpec.load(SPEC);
    CompareSettings settings = CompareSettings.of(spec, CASES, work).withJmh(tiny(spec));
    settings = settings.withRule(settings.rule().withAlpha(0.1));
    settings = settings.withDesign(Design.FORKS, List.of(4)).withSequential(false);
    var a = new AbComparison.Build("best", BUILD, SPEC, List.of("-XX:+UseSerialGC"));
    var b =
        new AbComparison.Build(
            "candidate", BUILD, SPEC, List.of("-XX:+UseParallelGC", "-Xms700m", "-Xmx700m"));
    new AbComparison(settings)
        .run(a, b, new AbComparison.Listener() {}, new PrintWriter(new StringWriter()));

    assertThat(forkArguments(work.resolve("a/calls")))
        .contains("-XX:+UseSerialGC", "-Xmx1g")
        .doesNotContain("-XX:+UseParallelGC");
    assertThat(forkArguments(work.resolve("b/calls")))
        .contains("-XX:+UseParallelGC", "-Xms700m", "-Xmx700m")
        .doesNotContain("-XX:+UseSerialGC", "-Xms1g", "-Xmx1g");

    CompareSettings inOneJvm = settings.withDesign(Design.INTERLEAVED, null);
    assertThatThrownBy(
            () ->
                new AbComparison(inOneJvm)
                    .run(a, b, new AbComparison.Listener() {}, new PrintWriter(new StringWriter())))
        .hasMessageContaining("cannot compare different JVM options");
  }

  /** The input arguments each fork reported. */
  static List<String> forkArguments(Path calls) throws Exception {
    List<String> args = new ArrayList<>();
    try (Stream<Path> files = Files.list(calls)) {
      for (Path f : files.toList()) {
        JsonNode node = new ObjectMapper().readTree(f.toFile());
        node.path("jvmArgs").forEach(a -> args.add(a.asText()));
      }
    }
    assertThat(args).as("calls files in " + calls).isNotEmpty();
    return args;
  }
}

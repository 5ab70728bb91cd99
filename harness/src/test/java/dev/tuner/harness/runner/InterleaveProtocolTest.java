package dev.tuner.harness.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The bytes on the wire: a harness in a candidate's artifact talks to a tuner of another build. */
class InterleaveProtocolTest {

  private static final String ROUND_LINE =
      "{\"type\":\"round\",\"round\":7,\"warmup\":false,\"cases\":{"
          + "\"ai\":{\"a\":{\"nanos\":[5,1,4],\"allocBytesPerOp\":1000.0,"
          + "\"callsPerOp\":{\"embeddings\":1.0,\"reference\":20.0}},"
          + "\"b\":{\"nanos\":[2,4,6],\"allocBytesPerOp\":900.5,\"callsPerOp\":{}}}},"
          + "\"seconds\":12.5}";

  private static InterleaveProtocol.Round round() {
    Map<String, Double> calls = new TreeMap<>(Map.of("reference", 20.0, "embeddings", 1.0));
    Map<String, InterleaveProtocol.CaseSamples> cases = new LinkedHashMap<>();
    cases.put(
        "ai",
        new InterleaveProtocol.CaseSamples(
            new InterleaveProtocol.Samples(List.of(5L, 1L, 4L), 1000, calls),
            new InterleaveProtocol.Samples(List.of(2L, 4L, 6L), 900.5, Map.of())));
    return new InterleaveProtocol.Round(7, false, cases, 12.5);
  }

  @Test
  void aRoundPrintsAsItAlwaysHasAndReadsBack() throws Exception {
    assertThat(InterleaveProtocol.roundLine(round())).isEqualTo(ROUND_LINE);
    assertThat(InterleaveProtocol.isProtocolLine(ROUND_LINE)).isTrue();
    assertThat(InterleaveProtocol.parse(ROUND_LINE)).isEqualTo(round());
  }

  @Test
  void cpuTimesTravelBesideWallTimesAndAnOlderLineHasNone() throws Exception {
    Map<String, InterleaveProtocol.CaseSamples> cases = new LinkedHashMap<>();
    cases.put(
        "ai",
        new InterleaveProtocol.CaseSamples(
            new InterleaveProtocol.Samples(List.of(5L, 1L), List.of(4L, 1L), 10, Map.of()),
            new InterleaveProtocol.Samples(List.of(2L, 4L), List.of(2L, 3L), 20, Map.of())));
    InterleaveProtocol.Round withCpu = new InterleaveProtocol.Round(3, false, cases, 1.5);
    String line = InterleaveProtocol.roundLine(withCpu);

    assertThat(line).contains("\"nanos\":[5,1],\"cpuNanos\":[4,1]");
    assertThat(InterleaveProtocol.parse(line)).isEqualTo(withCpu);
    InterleaveProtocol.Round old = (InterleaveProtocol.Round) InterleaveProtocol.parse(ROUND_LINE);
    assertThat(old.cases().get("ai").a().cpuNanos()).isEmpty();
  }

  @Test
  void aWarmupRoundHasNoCases() {
    assertThat(InterleaveProtocol.roundLine(new InterleaveProtocol.Round(1, true, Map.of(), 0.25)))
        .isEqualTo(
            "{\"type\":\"round\",\"round\":1,\"warmup\":true,\"cases\":{},\"seconds\":0.25}");
  }

  @Test
  void theReadyLineIsTheOnlyOneThatSaysReady() throws Exception {
    String ready = InterleaveProtocol.readyLine(new InterleaveProtocol.Ready(30.5, true, true));
    assertThat(ready)
        .isEqualTo("{\"type\":\"ready\",\"seconds\":30.5,\"steady\":true,\"cpu\":true}");
    assertThat(InterleaveProtocol.isProtocolLine(ready)).isTrue();
    assertThat(InterleaveProtocol.parse(ready))
        .isEqualTo(new InterleaveProtocol.Ready(30.5, true, true));
    assertThat(InterleaveProtocol.isProtocolLine("the hot path says hello")).isFalse();
  }

  @Test
  void aReadyLineFromAnOlderHarnessMeasuresNoCpuTime() throws Exception {
    assertThat(InterleaveProtocol.parse("{\"type\":\"ready\",\"seconds\":30.5,\"steady\":true}"))
        .isEqualTo(new InterleaveProtocol.Ready(30.5, true, false));
  }

  @Test
  void aLaunchIsTheCommandLineInterleaveMainParses() {
    var launch =
        new InterleaveProtocol.Launch(
            "/a.jar" + File.pathSeparator + "/a/classes",
            Path.of("/a/tuner.yaml"),
            "/b.jar",
            Path.of("/b/tuner.yaml"),
            List.of("one", "two"),
            "in-process",
            30,
            "steady",
            10,
            5,
            true);
    assertThat(launch.arguments())
        .containsExactly(
            "--a",
            "/a.jar" + File.pathSeparator + "/a/classes",
            "--a-spec",
            "/a/tuner.yaml",
            "--b",
            "/b.jar",
            "--b-spec",
            "/b/tuner.yaml",
            "--transport",
            "in-process",
            "--warmup-seconds",
            "30",
            "--warmup",
            "steady",
            "--rounds",
            "10",
            "--ops",
            "5",
            "--paced",
            "true",
            "--case",
            "one",
            "--case",
            "two");

    InterleaveMain.Args args = InterleaveMain.Args.parse(launch.arguments().toArray(String[]::new));
    assertThat(args.a).containsExactly(Path.of("/a.jar"), Path.of("/a/classes"));
    assertThat(args.b).containsExactly(Path.of("/b.jar"));
    assertThat(args.bSpec).isEqualTo(Path.of("/b/tuner.yaml"));
    assertThat(args.cases).containsExactly("one", "two");
    assertThat(args.warmup).isEqualTo(WarmupRule.Mode.STEADY);
    assertThat(args.warmupSeconds).isEqualTo(30);
    assertThat(args.rounds).isEqualTo(10);
    assertThat(args.ops).isEqualTo(5);
    assertThat(args.paced).isTrue();
  }

  @Test
  void aFailedLineNamesTheSideAndCarriesTheErrorsLines() throws Exception {
    String line =
        InterleaveProtocol.failedLine("b", "java.lang.IllegalStateException: case x\n\tat a.B.c");
    assertThat(InterleaveProtocol.isProtocolLine(line)).isTrue();
    assertThat(InterleaveProtocol.parse(line))
        .isEqualTo(
            new InterleaveProtocol.Failed(
                "b", "java.lang.IllegalStateException: case x\n\tat a.B.c"));
  }

  @Test
  void betweenComparisonsTheTunerSwapsRolesOrLoadsABuildAndAnyOtherLineAsksForARound() {
    String cp = String.join(File.pathSeparator, "/r/runner.jar", "/r/my dir/classes");
    var load = new InterleaveProtocol.Load("b", cp, "/r/tuner.yaml");

    assertThat(load.line()).isEqualTo("load\tb\t" + cp + "\t/r/tuner.yaml");
    assertThat(InterleaveProtocol.Command.parse(load.line())).isEqualTo(load);
    assertThat(InterleaveProtocol.Command.parse("swap")).isEqualTo(new InterleaveProtocol.Swap());
    assertThat(InterleaveProtocol.Command.parse(InterleaveProtocol.ROUND_REQUEST))
        .isEqualTo(new InterleaveProtocol.RoundRequest());
    assertThat(InterleaveProtocol.Command.parse(""))
        .isEqualTo(new InterleaveProtocol.RoundRequest());
  }

  @Test
  void aLoadLineWithoutItsFourFieldsOrWithAnotherRoleIsRefused() {
    for (String bad : List.of("load\tc\t/cp\t/spec", "load\ta\t/cp", "load\tb\t/cp\t/s\tx")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> InterleaveProtocol.Command.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("load<TAB>a|b<TAB>CLASSPATH<TAB>SPEC");
    }
  }

  @Test
  void aStaleLineSaysWhatTheClosedBuildLeft() throws Exception {
    String line = InterleaveProtocol.staleLine("build b3 left thread 'poller' still runs");

    assertThat(line).startsWith(InterleaveProtocol.LINE_PREFIX + "\"stale\"");
    assertThat(InterleaveProtocol.parse(line))
        .isEqualTo(new InterleaveProtocol.Stale("build b3 left thread 'poller' still runs"));
  }
}

package dev.tuner.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The frame table of a synthetic profile whose own, total and self times are known. */
class FrameTableTest {

  static final Profile PROFILE =
      new Profile(
          Stacks.parse(
              """
              app.Main.run;app.Text.tokenize;java.lang.String.split 40
              app.Main.run;app.Text.tokenize;app.Text.isNumber;java.lang.Double.parseDouble 20
              app.Main.run;app.Text.tokenize 10
              app.Main.run;com.lib.Json.read;java.lang.String.<init> 25
              app.Main.run 5
              """),
          Stacks.parse(
              """
              app.Main.run;app.Text.tokenize;java.util.ArrayList.grow;Object[] (allocated) 3000
              app.Main.run;com.lib.Json.read;byte[] (allocated) 1000
              """),
          new Profile.Gc(3, 12, 6, 4),
          Set.of("app"));

  @Test
  void ownTimeChargesLibraryAndJdkTimeToTheDeepestProjectFrame() {
    FrameTable table = FrameTable.of(PROFILE, 10);

    assertThat(table.samples()).isEqualTo(100);
    assertThat(table.frames())
        .containsExactly(
            new FrameTable.Row("app.Text.tokenize", 50, 70, 10),
            new FrameTable.Row("app.Main.run", 30, 100, 5),
            new FrameTable.Row("app.Text.isNumber", 20, 20, 0));
    assertThat(table.leaves())
        .containsExactly(
            new FrameTable.Leaf("java.lang.String.split", 40, "app.Text.tokenize"),
            new FrameTable.Leaf("java.lang.String.<init>", 25, "app.Main.run"),
            new FrameTable.Leaf("java.lang.Double.parseDouble", 20, "app.Text.isNumber"));
    assertThat(table.sites())
        .containsExactly(
            new FrameTable.Site("app.Text.tokenize", "Object[]", 3000),
            new FrameTable.Site("app.Main.run", "byte[]", 1000));
    assertThat(table.text())
        .contains(
            "  50.0%   70.0%   10.0%  app.Text.tokenize",
            "  40.0%  java.lang.String.split  <- app.Text.tokenize",
            "  75.0%  app.Text.tokenize  Object[]",
            "GC: 3 collections, 12.0 ms paused (0.30% of 4.0 s recorded), longest 6.0 ms");
  }

  @Test
  void withoutKnownPackagesEverythingButTheJdkAndTunerIsTheProjects() {
    Profile unknown = new Profile(PROFILE.cpu(), PROFILE.alloc(), PROFILE.gc(), Set.of());
    assertThat(FrameTable.of(unknown, 10).frames())
        .extracting(FrameTable.Row::frame)
        .contains("com.lib.Json.read");
  }

  @Test
  void aStackThatStopsShortOfTheThreadsRootIsKeptApartAndIsNobodysOwnTime() {
    List<String> partial =
        JfrReader.place(new ArrayList<>(List.of("com.lib.Json.write", "app.Text.tokenize")), false);
    assertThat(partial)
        .containsExactly(JfrReader.INCOMPLETE, "com.lib.Json.write", "app.Text.tokenize");
    assertThat(
            JfrReader.place(
                new ArrayList<>(List.of("java.util.HashMap.get", "com.lib.Json.read")), false))
        .as("a JDK frame at the root is no proof that the walk reached it")
        .startsWith(JfrReader.INCOMPLETE);
    assertThat(
            JfrReader.place(
                new ArrayList<>(List.of("java.lang.Object.wait", "java.io.FileInputStream.read")),
                false))
        .as("a thread that never enters the hot path")
        .isEmpty();
    assertThat(
            JfrReader.place(
                new ArrayList<>(List.of("java.lang.Thread.run", "app.Main.run")), false))
        .containsExactly("app.Main.run");
    assertThat(JfrReader.place(new ArrayList<>(List.of("app.Main.run")), true))
        .containsExactly(JfrReader.TRUNCATED, "app.Main.run");

    Profile profile =
        new Profile(
            Stacks.parse(String.join(";", partial) + " 3\napp.Main.run 7\n"),
            Stacks.parse(""),
            PROFILE.gc(),
            Set.of());
    assertThat(FrameTable.of(profile, 10).frames())
        .extracting(FrameTable.Row::frame)
        .containsExactly("app.Main.run", "app.Text.tokenize", "com.lib.Json.write")
        .doesNotContain(JfrReader.INCOMPLETE);
    assertThat(Frames.shortName(JfrReader.INCOMPLETE))
        .as("the flame graph's label")
        .isEqualTo(JfrReader.INCOMPLETE);
  }

  @Test
  void readingACutStackStartsAtTheFirstFrameThatIsNotInfrastructure() {
    assertThat(
            JfrReader.cut(
                new java.util.ArrayList<>(
                    java.util.List.of(
                        "java.lang.Thread.run",
                        "org.openjdk.jmh.runner.BenchmarkHandler$BenchmarkTask.call",
                        "dev.tuner.benchmarks.CaseBenchmark.run",
                        "dev.tuner.harness.Replay.run",
                        "app.Main.run",
                        "java.lang.String.split"))))
        .containsExactly("app.Main.run", "java.lang.String.split");
    assertThat(JfrReader.name("app.Main$$Lambda$41/0x0000000800c0b040", "apply"))
        .isEqualTo("app.Main$$Lambda.apply");
    assertThat(JfrReader.name("app.Main$$Lambda$166+0x00007fd68d2d3158.2016576867", "apply"))
        .as("as JDK 17's recorder names it")
        .isEqualTo("app.Main$$Lambda.apply");
    assertThat(JfrReader.name("java.lang.invoke.LambdaForm$MH+0x00007f8ec522e800.249234927", "x"))
        .isEqualTo("java.lang.invoke.LambdaForm$MH.x");
  }
}

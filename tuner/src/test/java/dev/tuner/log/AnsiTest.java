package dev.tuner.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnsiTest {

  static final String ESC = "\u001B";

  @Test
  void coloursCursorMovesAndTitlesAreStripped() {
    assertThat(Ansi.strip(ESC + "[1;31m[ERROR]" + ESC + "[m Foo.java:[3,5] ';' expected"))
        .isEqualTo("[ERROR] Foo.java:[3,5] ';' expected");
    assertThat(Ansi.strip("50%" + ESC + "[2K" + ESC + "[1G100%")).isEqualTo("50%100%");
    assertThat(Ansi.strip(ESC + "]0;gradle build\u0007BUILD FAILED")).isEqualTo("BUILD FAILED");
    assertThat(Ansi.strip("\u009B33mwarn\u009B0m")).isEqualTo("warn");
  }

  @Test
  void plainTextAndNullAreLeftAlone() {
    assertThat(Ansi.strip("a [b] c; x[1] = y")).isEqualTo("a [b] c; x[1] = y");
    assertThat(Ansi.strip(null)).isNull();
  }

  @Test
  void aBuildExcerptReachesTheLogWithoutColours() {
    Stop stop =
        new Stop(
            Status.BUILD_FAILED,
            "the build failed (exit 1)",
            "fix the compile error",
            ESC + "[1;31mERROR" + ESC + "[0m cannot find symbol");
    Asi asi = stop.asi("cache the parser");
    assertThat(asi.error()).isEqualTo("ERROR cannot find symbol");
    LogRecord.Experiment e = ExperimentLogTest.experiment(4, "build_failed");
    String line =
        ExperimentLog.toLine(
            new LogRecord.Experiment(
                e.run(),
                e.commit(),
                null,
                null,
                e.status(),
                e.description(),
                e.timestamp(),
                e.segment(),
                null,
                asi,
                e.parent(),
                e.phase(),
                e.tags(),
                null,
                null,
                null,
                null,
                e.proposer(),
                e.diff(),
                e.wallS(),
                null));
    assertThat(line)
        .contains("\"error\":\"ERROR cannot find symbol\"")
        .doesNotContainIgnoringCase("\\u001b");
  }
}

package dev.tuner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Reads JMH's stack profiler output as recorded from the example ({@code -prof
 * stack:lines=12;top=10}).
 */
class HotFramesTest {

  @Test
  void eachCaseGetsItsHottestStacksDownToTheApplicationCode() throws Exception {
    String jmh =
        Files.readString(Path.of(getClass().getResource("/jmh/stack-profile.txt").toURI()));
    String frames = HotFrames.parse(jmh);
    assertThat(frames)
        .contains("case ai-default (share of the RUNNABLE samples")
        .contains("case water-europe (share of the RUNNABLE samples");
    assertThat(frames)
        .as(frames)
        .containsPattern(
            "java\\.lang\\.Throwable\\.fillInStackTrace <- .*"
                + "com\\.example\\.portfolio\\.DescriptionAnalyzer\\.isNumber");
    assertThat(frames)
        .doesNotContain("<other>")
        .doesNotContain("<stack is empty")
        .doesNotContain("TIMED_WAITING")
        .doesNotContain("ReferenceQueue.remove")
        .doesNotContain("/0x");
    for (String line : frames.lines().filter(l -> l.contains("%")).toList()) {
      assertThat(line).matches("\\s*\\d+\\.\\d+%  \\S.*");
    }
  }

  @Test
  void outputWithoutAStackProfileGivesNothing() {
    assertThat(HotFrames.parse("# Run complete. Total time: 00:00:11\n")).isEmpty();
  }
}

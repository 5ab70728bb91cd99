package dev.tuner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The diff {@link GoldenFiles} fails with: what a reader of a failed golden test sees. */
class GoldenFilesTest {

  @Test
  void aChangedLineShowsAsRemovedAndAddedWithItsContext() {
    String golden = "a\nb\nc\nd\ne\nf\ng\nh\n";
    String output = "a\nb\nc\nd\nE\nf\ng\nh\n";
    assertThat(GoldenFiles.diff(golden, output))
        .isEqualTo("@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n");
  }

  @Test
  void changesFarApartMakeHunksOfTheirOwnAndNearOnesShareOne() {
    String golden = lines("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
    String far = lines("one", "2", "3", "4", "5", "6", "7", "8", "9", "10", "eleven");
    assertThat(GoldenFiles.diff(golden, far))
        .isEqualTo(
            "@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n"
                + "@@ -8,4 +8,4 @@\n 8\n 9\n 10\n-11\n+eleven\n");
    String near = lines("1", "two", "3", "4", "5", "6", "7", "eight", "9", "10", "11");
    assertThat(GoldenFiles.diff(golden, near).lines().filter(l -> l.startsWith("@@")))
        .containsExactly("@@ -1,11 +1,11 @@");
  }

  @Test
  void addedAndRemovedLinesAndAMissingFinalNewline() {
    assertThat(GoldenFiles.diff("a\nb\n", "a\nx\nb\n")).isEqualTo("@@ -1,2 +1,3 @@\n a\n+x\n b\n");
    assertThat(GoldenFiles.diff("a\nb\n", "b\n")).isEqualTo("@@ -1,2 +1,1 @@\n-a\n b\n");
    assertThat(GoldenFiles.diff("a\n", "a")).isEqualTo("(the output has no newline at its end)\n");
  }

  @Test
  void equalTextsHaveNoDiff() {
    assertThat(GoldenFiles.diff("a\nb\n", "a\nb\n")).isEmpty();
  }

  private static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }
}

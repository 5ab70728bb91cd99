package dev.tuner.harness.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonDiffTest {

  @Test
  void canonicalFormSortsKeysAndNormalisesNumbersOneValuePerLine() throws Exception {
    assertThat(CanonicalJson.canonicalise("{\"b\": 1.50, \"a\": [1e2, 0.000100]}"))
        .isEqualTo("{\n  \"a\" : [\n    100,\n    0.0001\n  ],\n  \"b\" : 1.5\n}\n");
  }

  @Test
  void sameMeaningSameBytes() throws Exception {
    assertThat(CanonicalJson.canonicalise("{\"x\":1.0,\"y\":\"z\"}"))
        .isEqualTo(CanonicalJson.canonicalise("{ \"y\": \"z\", \"x\": 1 }"));
  }

  @Test
  void reportsEachDifferingPathWithBothValues() throws Exception {
    var expected = CanonicalJson.parse("{\"items\": [{\"id\": \"A\", \"score\": 0.5}], \"n\": 1}");
    var actual =
        CanonicalJson.parse(
            "{\"items\": [{\"id\": \"B\", \"score\": 0.5}, {\"id\": \"C\"}], \"m\": 2}");
    assertThat(new JsonDiff(0, List.of()).compare(expected, actual))
        .extracting(Difference::toString)
        .containsExactly(
            "$.items[0].id: expected \"A\", got \"B\"",
            "$.items[1]: expected (absent), got {\"id\":\"C\"}",
            "$.m: expected (absent), got 2",
            "$.n: expected 1, got (absent)");
  }

  @Test
  void toleranceAndIgnoredPathsAreHonoured() throws Exception {
    var expected =
        CanonicalJson.parse("{\"items\": [{\"at\": 1, \"score\": 0.5000}], \"stamp\": \"x\"}");
    var actual =
        CanonicalJson.parse("{\"items\": [{\"at\": 2, \"score\": 0.5004}], \"stamp\": \"y\"}");
    assertThat(new JsonDiff(0.001, List.of("$.stamp", "$.items[*].at")).compare(expected, actual))
        .isEmpty();
    assertThat(new JsonDiff(0.0001, List.of("$.stamp", "$.items[*].at")).compare(expected, actual))
        .extracting(Difference::path)
        .containsExactly("$.items[0].score");
  }
}

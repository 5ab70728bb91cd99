package dev.tuner.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeTest {

  private final Scope scope =
      new Scope(
          new ScopeSpec(
              List.of(
                  "example/src/main/java/com/example/portfolio/*.java",
                  "example/src/main/resources/tuning.properties"),
              List.of("example/src/main/java/com/example/portfolio/upstream/**", "harness/**")));

  @Test
  void allowsOnlyIncludedFilesThatAreNotFrozen() {
    assertThat(
            scope.violations(
                List.of(
                    "example/src/main/java/com/example/portfolio/PortfolioScorer.java",
                    "example/src/main/resources/tuning.properties")))
        .isEmpty();
    assertThat(
            scope.violations(
                List.of(
                    "example/src/main/java/com/example/portfolio/upstream/Universe.java",
                    "harness/src/main/java/dev/tuner/harness/HotPaths.java",
                    "goldens/ai-default.json",
                    "fixtures/ai-default/manifest.json",
                    "tuner.yaml",
                    "README.md")))
        .hasSize(6);
  }

  @Test
  void fixturesGoldensAndTheSpecAreAlwaysFrozen() {
    Scope everything = new Scope(new ScopeSpec(List.of("**"), List.of()));
    assertThat(everything.allows("src/Main.java")).isTrue();
    assertThat(everything.allows("goldens/x.json")).isFalse();
    assertThat(everything.allows("fixtures/x/embeddings/mappings/001.json")).isFalse();
    assertThat(everything.allows("tuner.yaml")).isFalse();
  }
}

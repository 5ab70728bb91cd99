package com.example.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThemeCatalogTest {

  private final ThemeCatalog catalog = ThemeCatalog.load();

  @Test
  void resolvesNamesAndAliasesIgnoringCaseAndSpacing() {
    assertThat(catalog.resolve("  Clean   ENERGY ").name()).isEqualTo("Clean energy");
    assertThat(catalog.resolve("renewables").name()).isEqualTo("Clean energy");
    assertThat(catalog.resolve("artificial intelligence").name()).isEqualTo("AI");
    assertThat(catalog.resolve("Genomics").name()).isEqualTo("Healthcare innovation");
  }

  @Test
  void unknownThemesUseTheirOwnWordsAndWeighEverySectorAlike() {
    Theme theme = catalog.resolve("Quantum computing");

    assertThat(theme.curated()).isFalse();
    assertThat(theme.query()).isEqualTo("Quantum computing");
    assertThat(theme.phrases()).containsOnlyKeys("quantum computing", "quantum", "computing");
    assertThat(theme.sectorWeights()).hasSize(Sectors.ALL.size());
    assertThat(theme.sectorWeights().values()).containsOnly(0.5);
  }

  @Test
  void everyCuratedThemeWeighsEverySector() {
    assertThat(catalog.themes()).hasSizeGreaterThanOrEqualTo(10);
    for (Theme theme : catalog.themes()) {
      assertThat(theme.sectorWeights().keySet())
          .as(theme.name())
          .containsExactlyInAnyOrderElementsOf(Sectors.ALL);
      assertThat(theme.phrases()).as(theme.name()).hasSizeGreaterThanOrEqualTo(10);
      assertThat(theme.phrases().keySet()).allSatisfy(p -> assertThat(p).isLowerCase());
    }
  }

  @Test
  void featureWeightsSumToOne() {
    assertThat(catalog.featureWeights().keySet())
        .containsExactlyElementsOf(ThemeCatalog.FEATURES);
    assertThat(catalog.featureWeights().values().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
  }
}

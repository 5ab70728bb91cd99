package com.example.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.portfolio.DescriptionAnalyzer.Analysis;
import org.junit.jupiter.api.Test;

class DescriptionAnalyzerTest {

  @Test
  void setsNumbersApartFromWords() {
    Analysis analysis =
        DescriptionAnalyzer.tokenize("Founded in 1987, it runs 42 sites (8% growth) and 3.5 GW.");

    assertThat(analysis.words())
        .containsExactly("founded", "in", "it", "runs", "sites", "growth", "and", "gw");
    assertThat(analysis.numbers()).isEqualTo(4);
  }

  @Test
  void keepsInnerPunctuation() {
    assertThat(DescriptionAnalyzer.tokenize("Low-carbon, e-mobility; lithium-ion.").words())
        .containsExactly("low-carbon", "e-mobility", "lithium-ion");
  }

  @Test
  void cachedAndUncachedAnalysesAgree() {
    String text = "Builds wind turbines in 12 countries.";
    assertThat(new DescriptionAnalyzer(0).analyze(text))
        .isEqualTo(new DescriptionAnalyzer(8).analyze(text))
        .isEqualTo(DescriptionAnalyzer.tokenize(text));
  }
}

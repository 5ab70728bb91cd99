package com.example.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortfolioRequestTest {

  @Test
  void onlyTheThemeIsRequired() {
    PortfolioRequest request = PortfolioRequest.fromInput(Map.of("theme", "AI"));

    assertThat(request).isEqualTo(PortfolioRequest.of("AI"));
    assertThat(request.topN()).isEqualTo(20);
    assertThat(request.k()).isEqualTo(200);
    assertThat(request.maxPerSector()).isEqualTo(5);
    assertThat(request.minMarketCap()).isZero();
    assertThat(request.countries()).isEmpty();
    assertThat(request.excludeSectors()).isEmpty();
  }

  @Test
  void readsEveryOption() {
    PortfolioRequest request =
        PortfolioRequest.fromInput(
            Map.of("theme", "water", "topN", 12, "k", 150L, "maxPerSector", 3.0,
                "minMarketCap", 500, "countries", List.of("se", "DE", "DE"),
                "excludeSectors", List.of("Utilities")));

    assertThat(request)
        .isEqualTo(
            new PortfolioRequest("water", 12, 150, 3, 500, List.of("DE", "SE"),
                List.of("Utilities")));
  }

  @Test
  void unknownKeysAreNamed() {
    assertThatThrownBy(() -> PortfolioRequest.fromInput(Map.of("theme", "AI", "top_n", 5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'top_n'");
  }

  @Test
  void badlyTypedValuesAreNamed() {
    assertRejected(Map.of("theme", 42), "'theme'");
    assertRejected(Map.of("theme", "AI", "topN", "20"), "'topN'");
    assertRejected(Map.of("theme", "AI", "k", 20.5), "'k'");
    assertRejected(Map.of("theme", "AI", "maxPerSector", true), "'maxPerSector'");
    assertRejected(Map.of("theme", "AI", "minMarketCap", "big"), "'minMarketCap'");
    assertRejected(Map.of("theme", "AI", "countries", "US"), "'countries'");
    assertRejected(Map.of("theme", "AI", "countries", List.of(1)), "'countries'");
    assertRejected(Map.of("theme", "AI", "countries", List.of("USA")), "'countries'");
    assertRejected(Map.of("theme", "AI", "excludeSectors", List.of("Tech")), "'excludeSectors'");
  }

  @Test
  void outOfRangeValuesAreNamed() {
    assertRejected(Map.of("theme", "AI", "topN", 0), "'topN'");
    assertRejected(Map.of("theme", "AI", "k", 5_000), "'k'");
    assertRejected(Map.of("theme", "AI", "maxPerSector", -1), "'maxPerSector'");
    assertRejected(Map.of("theme", "AI", "minMarketCap", -1), "'minMarketCap'");
    assertRejected(Map.of("theme", " "), "'theme'");
  }

  @Test
  void aMissingThemeIsNamed() {
    Map<String, Object> input = new HashMap<>();
    input.put("topN", 5);
    assertRejected(input, "'theme'");
  }

  private static void assertRejected(Map<String, ?> input, String key) {
    assertThatThrownBy(() -> PortfolioRequest.fromInput(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(key);
  }
}

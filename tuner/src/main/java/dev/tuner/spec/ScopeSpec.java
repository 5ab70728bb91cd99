package dev.tuner.spec;

import java.util.List;

/**
 * Which files a proposal may change. Globs are relative to the repository root ({@code **} crosses
 * directories). {@code frozen} wins over {@code include}; fixtures, goldens and {@code tuner.yaml}
 * are always frozen.
 */
public record ScopeSpec(List<String> include, List<String> frozen) {

  public static final List<String> ALWAYS_FROZEN =
      List.of("fixtures/**", "goldens/**", "tuner.yaml", ".tuner/**");

  public ScopeSpec {
    include = include == null ? List.of() : List.copyOf(include);
    frozen = frozen == null ? List.of() : List.copyOf(frozen);
  }
}

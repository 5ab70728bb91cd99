package dev.tuner.harness.spec;

import java.util.List;

/**
 * How a case's output is compared with its golden.
 *
 * @param tolerance absolute tolerance for numbers (0 = exact)
 * @param ignore JSON paths whose values are not compared, like {@code $.generatedAt} or {@code
 *     $.items[*].id}
 */
public record ParitySpec(double tolerance, List<String> ignore) {

  public static final ParitySpec EXACT = new ParitySpec(0, List.of());

  public ParitySpec {
    ignore = ignore == null ? List.of() : List.copyOf(ignore);
  }
}

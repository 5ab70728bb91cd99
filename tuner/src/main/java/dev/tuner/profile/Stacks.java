package dev.tuner.profile;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Sampled stacks, each with its weight (samples, or bytes allocated): the collapsed-stack format
 * every flame-graph tool reads, one line a stack, frames root first and separated by {@code ;},
 * then a space and the weight ({@code a;b;c 123}).
 *
 * @param weights weight per stack (frames joined by {@code ;}), sorted so the text is stable
 */
public record Stacks(SortedMap<String, Long> weights) {

  public Stacks {
    weights = Collections.unmodifiableSortedMap(new TreeMap<>(weights));
  }

  public static Stacks empty() {
    return new Stacks(new TreeMap<>());
  }

  /**
   * Reads collapsed-stack text; blank lines are skipped, repeated stacks add up.
   *
   * @throws IllegalArgumentException naming the line that is not {@code frames weight}
   */
  public static Stacks parse(String text) {
    SortedMap<String, Long> weights = new TreeMap<>();
    int number = 0;
    for (String line : text.lines().toList()) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      long weight;
      try {
        weight = space > 0 ? Long.parseLong(line.substring(space + 1).strip()) : -1;
      } catch (NumberFormatException e) {
        weight = -1;
      }
      if (weight < 0 || line.substring(0, space).isBlank()) {
        throw new IllegalArgumentException(
            "line " + number + " is not 'frame;frame;… weight': " + abbreviate(line));
      }
      weights.merge(line.substring(0, space).strip(), weight, Long::sum);
    }
    return new Stacks(weights);
  }

  /** The collapsed-stack text, one stack a line. */
  public String text() {
    StringBuilder out = new StringBuilder();
    weights.forEach((stack, weight) -> out.append(stack).append(' ').append(weight).append('\n'));
    return out.toString();
  }

  public long total() {
    return weights.values().stream().mapToLong(Long::longValue).sum();
  }

  public boolean isEmpty() {
    return weights.isEmpty();
  }

  /** Each stack's frames, root first. */
  public static List<String> frames(String stack) {
    return List.of(stack.split(";"));
  }

  /** These stacks and {@code other}'s, weights added. */
  public Stacks plus(Stacks other) {
    SortedMap<String, Long> sum = new TreeMap<>(weights);
    other.weights.forEach((k, v) -> sum.merge(k, v, Long::sum));
    return new Stacks(sum);
  }

  /** A builder that adds stacks one sample at a time. */
  public static final class Builder {
    private final SortedMap<String, Long> weights = new TreeMap<>();

    public Builder add(List<String> rootFirst, long weight) {
      if (!rootFirst.isEmpty()) {
        weights.merge(String.join(";", rootFirst), weight, Long::sum);
      }
      return this;
    }

    public Stacks build() {
      return new Stacks(weights);
    }
  }

  private static String abbreviate(String line) {
    return line.length() > 80 ? line.substring(0, 77) + "…" : line;
  }
}

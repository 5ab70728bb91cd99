package dev.tuner.propose.llm;

import dev.tuner.spec.OptimizeSpec.Price;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * USD per million input and output tokens by model name: built-in list prices of common models,
 * under the spec's own table. A dated model name ({@code gpt-4o-mini-2024-07-18}) takes the price
 * of the longest name it starts with. Check the built-in figures against your provider's price
 * list; the spec wins.
 */
public final class Prices {

  /** Published list prices (USD per million tokens, standard tier) at the time of writing. */
  static final Map<String, Price> DEFAULTS = defaults();

  private Prices() {}

  /** The price of {@code model}, or null if neither the spec nor the built-in table knows it. */
  public static Price of(String model, Map<String, Price> spec) {
    Price own = longestPrefix(model, spec);
    return own != null ? own : longestPrefix(model, DEFAULTS);
  }

  /** The cost of a call. */
  public static double cost(Price price, long tokensIn, long tokensOut) {
    return (tokensIn * price.input() + tokensOut * price.output()) / 1_000_000.0;
  }

  private static Price longestPrefix(String model, Map<String, Price> table) {
    Price best = null;
    int length = -1;
    for (var e : table.entrySet()) {
      if (model.startsWith(e.getKey()) && e.getKey().length() > length) {
        best = e.getValue();
        length = e.getKey().length();
      }
    }
    return best;
  }

  private static Map<String, Price> defaults() {
    Map<String, Price> m = new LinkedHashMap<>();
    m.put("gpt-4o", new Price(2.50, 10.00));
    m.put("gpt-4o-mini", new Price(0.15, 0.60));
    m.put("gpt-4.1", new Price(2.00, 8.00));
    m.put("gpt-4.1-mini", new Price(0.40, 1.60));
    m.put("gpt-4.1-nano", new Price(0.10, 0.40));
    m.put("gpt-5", new Price(1.25, 10.00));
    m.put("gpt-5-mini", new Price(0.25, 2.00));
    m.put("gpt-5-nano", new Price(0.05, 0.40));
    m.put("o3", new Price(2.00, 8.00));
    m.put("o4-mini", new Price(1.10, 4.40));
    m.put("claude-opus-4", new Price(15.00, 75.00));
    m.put("claude-sonnet-4", new Price(3.00, 15.00));
    m.put("claude-3-7-sonnet", new Price(3.00, 15.00));
    m.put("claude-haiku-4-5", new Price(1.00, 5.00));
    m.put("claude-3-5-haiku", new Price(0.80, 4.00));
    return Map.copyOf(m);
  }
}

package dev.tuner.harness.golden;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one JSON form goldens are stored and compared in: keys sorted, two-space indent, numbers as
 * exact decimals without trailing zeros or exponents. Two documents that mean the same JSON print
 * the same bytes.
 */
public final class CanonicalJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

  private CanonicalJson() {}

  /** Parses JSON text keeping every number exact. */
  public static JsonNode parse(String json) throws JsonProcessingException {
    return MAPPER.readTree(json);
  }

  /** The canonical text of a document, ending with a newline. */
  public static String print(JsonNode node) {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return MAPPER.writer(printer).writeValueAsString(normalise(node)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed tree always prints", e);
    }
  }

  /** Parses then prints: the canonical form of JSON text. */
  public static String canonicalise(String json) throws JsonProcessingException {
    return print(parse(json));
  }

  /** The canonical form on one line, for index keys and hashes. */
  public static String compact(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(normalise(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed tree always prints", e);
    }
  }

  private static JsonNode normalise(JsonNode node) {
    JsonNodeFactory nodes = MAPPER.getNodeFactory();
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      ObjectNode sorted = nodes.objectNode();
      for (String name : names) {
        sorted.set(name, normalise(node.get(name)));
      }
      return sorted;
    } else if (node.isArray()) {
      var array = nodes.arrayNode();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        array.add(normalise(it.next()));
      }
      return array;
    } else if (node.isNumber()) {
      BigDecimal value = node.decimalValue().stripTrailingZeros();
      return value.scale() <= 0
          ? nodes.numberNode(value.toBigIntegerExact())
          : nodes.numberNode(value);
    }
    return node;
  }

  /** Converts plain Java values (maps, lists, strings, numbers) to a tree. */
  public static JsonNode fromValue(Map<String, Object> value) {
    return MAPPER.valueToTree(value);
  }
}

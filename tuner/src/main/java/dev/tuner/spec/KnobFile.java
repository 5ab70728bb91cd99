package dev.tuner.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and sets keys of a knobs file: {@code .properties} (edited in place, so comments and order
 * stay), or {@code .yaml}/{@code .yml}/{@code .json}, where a key is a dotted path into nested
 * objects (a flat key that contains dots wins). YAML is rewritten by Jackson, so its comments are
 * not kept.
 */
public final class KnobFile {

  private final Path file;

  public KnobFile(Path file) {
    this.file = file;
  }

  public Path path() {
    return file;
  }

  /** The value of {@code key} as text, or null when the file has no such key. */
  public String get(String key) throws IOException {
    if (properties()) {
      Properties p = new Properties();
      p.load(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
      return p.getProperty(key);
    }
    JsonNode node = find(mapper().readTree(file.toFile()), key);
    return node == null || node.isContainerNode() || node.isNull() ? null : node.asText();
  }

  /** Sets every key to its value, writing the file once; every key must exist. */
  public void set(Map<String, String> values) throws IOException {
    if (values.isEmpty()) {
      return;
    }
    String written;
    if (properties()) {
      String text = Files.readString(file, StandardCharsets.ISO_8859_1);
      for (var e : values.entrySet()) {
        Matcher m =
            Pattern.compile("(?m)^(\\s*" + Pattern.quote(e.getKey()) + "\\s*[=:]\\s*).*$")
                .matcher(text);
        if (!m.find()) {
          throw new IOException(file + " has no key " + e.getKey());
        }
        text = m.replaceFirst(Matcher.quoteReplacement(m.group(1) + e.getValue()));
      }
      Files.writeString(file, text, StandardCharsets.ISO_8859_1);
      return;
    }
    ObjectMapper mapper = mapper();
    JsonNode root = mapper.readTree(file.toFile());
    for (var e : values.entrySet()) {
      setIn(root, e.getKey(), e.getValue());
    }
    written = mapper.writeValueAsString(root);
    Files.writeString(
        file, written.endsWith("\n") ? written : written + "\n", StandardCharsets.UTF_8);
  }

  private boolean properties() {
    return !(yaml() || file.toString().endsWith(".json"));
  }

  private boolean yaml() {
    String name = file.toString();
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  private ObjectMapper mapper() {
    ObjectMapper m =
        yaml()
            ? new ObjectMapper(
                new YAMLFactory()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            : new ObjectMapper();
    return m.enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** The node at a flat key, else at the dotted path. */
  private static JsonNode find(JsonNode root, String key) {
    if (root == null || !root.isObject()) {
      return null;
    }
    if (root.has(key)) {
      return root.get(key);
    }
    JsonNode node = root;
    for (String part : key.split("\\.")) {
      node = node == null || !node.isObject() ? null : node.get(part);
    }
    return node;
  }

  private void setIn(JsonNode root, String key, String value) throws IOException {
    ObjectNode parent;
    String field;
    if (root.isObject() && root.has(key)) {
      parent = (ObjectNode) root;
      field = key;
    } else {
      int dot = key.lastIndexOf('.');
      JsonNode p = dot < 0 ? root : find(root, key.substring(0, dot));
      field = key.substring(dot + 1);
      if (!(p instanceof ObjectNode o) || !o.has(field)) {
        throw new IOException(file + " has no key " + key);
      }
      parent = o;
    }
    JsonNode old = parent.get(field);
    if (old.isNumber() && value.matches("-?[0-9]+")) {
      parent.put(field, Long.parseLong(value));
    } else if (old.isNumber() && isDouble(value)) {
      parent.put(field, Double.parseDouble(value));
    } else if (old.isBoolean() && (value.equals("true") || value.equals("false"))) {
      parent.put(field, Boolean.parseBoolean(value));
    } else {
      parent.put(field, value);
    }
  }

  private static boolean isDouble(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}

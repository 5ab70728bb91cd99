package dev.tuner.harness.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a YAML spec strictly into records: unknown keys, bad values and wrong types are errors that
 * name the file, the line and the key path (like {@code cases[2].split}).
 */
public final class SpecReader {

  private final Path file;
  private final String text;
  private final Map<String, Integer> lines;

  private SpecReader(Path file, String text, Map<String, Integer> lines) {
    this.file = file;
    this.text = text;
    this.lines = lines;
  }

  /** Opens a spec file and indexes the line of every key, so later checks can point at it. */
  public static SpecReader open(Path file) throws SpecException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new SpecException(file, 0, "", "no such file");
    } catch (IOException e) {
      throw new SpecException(file, 0, "", "cannot read: " + e.getMessage());
    }
    try {
      return new SpecReader(file, text, indexLines(text));
    } catch (JsonProcessingException e) {
      throw new SpecException(
          file, lineOf(e.getLocation()), "", "not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new SpecException(file, 0, "", "cannot read: " + e.getMessage());
    }
  }

  public Path file() {
    return file;
  }

  /** Binds the whole document to {@code type}; every key must be one the type declares. */
  public <T> T read(Class<T> type) throws SpecException {
    ObjectMapper mapper = mapper();
    try {
      T value = mapper.readValue(text, type);
      if (value == null) {
        throw new SpecException(file, 0, "", "the file is empty");
      }
      return value;
    } catch (JsonMappingException e) {
      throw translate(e);
    } catch (JsonProcessingException e) {
      throw new SpecException(
          file, lineOf(e.getLocation()), "", "not valid YAML: " + e.getOriginalMessage());
    }
  }

  /**
   * An error at a key path found by a check after binding, with the key's line when the file has
   * it.
   */
  public SpecException error(String keyPath, String problem) {
    return new SpecException(file, lines.getOrDefault(keyPath, 0), keyPath, problem);
  }

  public static ObjectMapper mapper() {
    return new ObjectMapper(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);
  }

  private SpecException translate(JsonMappingException e) {
    String path = pathOf(e.getPath());
    int line = lines.getOrDefault(path, lineOf(e.getLocation()));
    String problem;
    if (e instanceof UnrecognizedPropertyException u) {
      String key = path.isEmpty() ? u.getPropertyName() : path;
      String known =
          u.getKnownPropertyIds() == null
              ? ""
              : u.getKnownPropertyIds().stream()
                  .map(Object::toString)
                  .sorted()
                  .collect(Collectors.joining(", "));
      return new SpecException(
          file, line, key, "unknown key" + (known.isEmpty() ? "" : "; expected one of: " + known));
    } else if (e instanceof InvalidFormatException f
        && f.getTargetType() != null
        && f.getTargetType().isEnum()) {
      problem = "'" + f.getValue() + "' is not one of " + enumNames(f.getTargetType());
    } else if (e instanceof ValueInstantiationException v && v.getCause() != null) {
      problem = v.getCause().getMessage();
    } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      problem =
          "expected "
              + describe(m.getTargetType())
              + " ("
              + firstLine(e.getOriginalMessage())
              + ")";
    } else {
      problem = firstLine(e.getOriginalMessage());
    }
    return new SpecException(file, line, path, problem);
  }

  private static String enumNames(Class<?> type) {
    return Arrays.stream(type.getFields())
        .filter(java.lang.reflect.Field::isEnumConstant)
        .map(
            f -> {
              var p = f.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
              return p != null ? p.value() : f.getName();
            })
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String describe(Class<?> type) {
    if (type == String.class) {
      return "a string";
    } else if (Number.class.isAssignableFrom(type)
        || (type.isPrimitive() && type != boolean.class)) {
      return "a number";
    } else if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    } else if (java.util.Collection.class.isAssignableFrom(type)) {
      return "a list";
    } else if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping";
    }
    return type.getSimpleName();
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static String pathOf(java.util.List<JsonMappingException.Reference> refs) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : refs) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static int lineOf(JsonLocation location) {
    return location == null ? 0 : location.getLineNr();
  }

  /** Walks the YAML tokens once and records the line where each key path starts. */
  private static Map<String, Integer> indexLines(String text) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    Deque<Object> stack = new ArrayDeque<>(); // String key or int[] index per open container
    try (JsonParser parser = new YAMLFactory().createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (!stack.isEmpty()
            && stack.peek() instanceof int[] index
            && token != JsonToken.END_ARRAY) {
          index[0]++;
          lines.putIfAbsent(render(stack), parser.currentTokenLocation().getLineNr());
        }
        switch (token) {
          case FIELD_NAME -> {
            stack.pop();
            stack.push(parser.currentName());
            lines.putIfAbsent(render(stack), parser.currentTokenLocation().getLineNr());
          }
          case START_OBJECT -> stack.push("");
          case START_ARRAY -> stack.push(new int[] {-1});
          case END_OBJECT, END_ARRAY -> stack.pop();
          default -> {}
        }
      }
    }
    return lines;
  }

  private static String render(Deque<Object> stack) {
    StringBuilder path = new StringBuilder();
    var it = stack.descendingIterator();
    while (it.hasNext()) {
      Object part = it.next();
      if (part instanceof int[] index) {
        path.append('[').append(index[0]).append(']');
      } else if (!((String) part).isEmpty()) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(part);
      }
    }
    return path.toString();
  }
}

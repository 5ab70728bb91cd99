package dev.tuner.bench;

import dev.tuner.io.Classpath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A build with one resource changed, without rebuilding: a directory holding the changed copy, put
 * first on the build's class path, so a class loader finds it before the original. One key of a
 * properties resource set to another value is how {@code tuner calibrate} injects a known change
 * (the example's {@code calibration.extraWorkPercent} knob in {@code tuning.properties}); a whole
 * resource replaced is how {@code tuner record} records other values of a knob that changes calls.
 */
public final class PropertyVariant {

  private PropertyVariant() {}

  /**
   * Writes {@code resource} with {@code key=value} into {@code dir} and returns {@code from} with
   * {@code dir} first.
   *
   * @throws IllegalArgumentException if the class path has no such resource or the resource no such
   *     key
   */
  public static Classpath write(Classpath from, Path dir, String resource, String key, String value)
      throws IOException {
    String text = new String(original(from, resource), StandardCharsets.ISO_8859_1);
    return writeResource(
        from,
        dir,
        resource,
        replace(text, key, value, resource).getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Writes {@code content} as {@code resource} into {@code dir} and returns {@code from} with
   * {@code dir} first.
   *
   * @throws IllegalArgumentException if the class path has no such resource
   */
  public static Classpath writeResource(Classpath from, Path dir, String resource, byte[] content)
      throws IOException {
    original(from, resource);
    Path file = dir.resolve(resource);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    return from.prepend(dir);
  }

  /** The value of {@code key} in {@code resource} on the class path, or null when absent. */
  public static String read(Classpath classpath, String resource, String key) throws IOException {
    byte[] bytes = classpath.resource(resource);
    if (bytes == null) {
      return null;
    }
    Properties p = new Properties();
    p.load(new ByteArrayInputStream(bytes));
    return p.getProperty(key);
  }

  private static byte[] original(Classpath from, String resource) throws IOException {
    byte[] bytes = from.resource(resource);
    if (bytes == null) {
      throw new IllegalArgumentException("no entry of the class path holds " + resource);
    }
    return bytes;
  }

  private static String replace(String text, String key, String value, String resource) {
    Matcher m =
        Pattern.compile("(?m)^(\\s*" + Pattern.quote(key) + "\\s*[=:]\\s*).*$").matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException(resource + " has no key " + key);
    }
    return m.replaceFirst(Matcher.quoteReplacement(m.group(1) + value));
  }
}

package dev.tuner.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A copy of an artifact with one resource changed: one key of a properties resource set to another
 * value, how {@code tuner calibrate} injects a known change (the example's {@code
 * calibration.extraWorkPercent} knob in {@code tuning.properties}) without rebuilding, or a whole
 * resource replaced, how {@code tuner record} records other values of a knob that changes calls.
 * Everything else is copied byte for byte.
 */
public final class PropertyVariant {

  private PropertyVariant() {}

  /**
   * Writes {@code to}: {@code from} with {@code key=value} in {@code resource}.
   *
   * @throws IllegalArgumentException if the artifact has no such resource or the resource no such
   *     key
   */
  public static void write(Path from, Path to, String resource, String key, String value)
      throws IOException {
    copyWith(
        from,
        to,
        resource,
        bytes ->
            replace(new String(bytes, StandardCharsets.ISO_8859_1), key, value, from, resource)
                .getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Writes {@code to}: {@code from} with {@code resource}'s content replaced.
   *
   * @throws IllegalArgumentException if the artifact has no such resource
   */
  public static void writeResource(Path from, Path to, String resource, byte[] content)
      throws IOException {
    copyWith(from, to, resource, bytes -> content);
  }

  /** The bytes of {@code resource} in the artifact, or null when absent. */
  public static byte[] readResource(Path jar, String resource) throws IOException {
    try (ZipFile in = new ZipFile(jar.toFile())) {
      ZipEntry entry = in.getEntry(resource);
      if (entry == null) {
        return null;
      }
      try (InputStream data = in.getInputStream(entry)) {
        return data.readAllBytes();
      }
    }
  }

  private static void copyWith(Path from, Path to, String resource, UnaryOperator<byte[]> edit)
      throws IOException {
    boolean found = false;
    Files.createDirectories(to.toAbsolutePath().getParent());
    try (ZipFile in = new ZipFile(from.toFile());
        OutputStream file = Files.newOutputStream(to);
        ZipOutputStream out = new ZipOutputStream(file)) {
      Enumeration<? extends ZipEntry> entries = in.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        byte[] bytes;
        try (InputStream data = in.getInputStream(entry)) {
          bytes = data.readAllBytes();
        }
        if (entry.getName().equals(resource)) {
          bytes = edit.apply(bytes);
          found = true;
        }
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
      }
    }
    if (!found) {
      Files.deleteIfExists(to);
      throw new IllegalArgumentException(from + " has no resource " + resource);
    }
  }

  /** The value of {@code key} in {@code resource} of the artifact, or null when absent. */
  public static String read(Path jar, String resource, String key) throws IOException {
    try (ZipFile in = new ZipFile(jar.toFile())) {
      ZipEntry entry = in.getEntry(resource);
      if (entry == null) {
        return null;
      }
      java.util.Properties p = new java.util.Properties();
      try (InputStream data = in.getInputStream(entry)) {
        p.load(data);
      }
      return p.getProperty(key);
    }
  }

  private static String replace(String text, String key, String value, Path jar, String resource) {
    Matcher m =
        Pattern.compile("(?m)^(\\s*" + Pattern.quote(key) + "\\s*[=:]\\s*).*$").matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException(jar + "!/" + resource + " has no key " + key);
    }
    return m.replaceFirst(Matcher.quoteReplacement(m.group(1) + value));
  }
}

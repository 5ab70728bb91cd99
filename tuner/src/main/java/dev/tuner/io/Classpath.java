package dev.tuner.io;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a forked JVM runs on: jars and class directories, searched in order. A build produces one
 * (tuner's runner first, then the project's classes and libraries); a knob variant is one with a
 * directory holding the changed resource put in front.
 */
public record Classpath(List<Path> entries) {

  public Classpath {
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("a class path needs at least one entry");
    }
    entries = List.copyOf(entries);
  }

  public static Classpath of(Path... entries) {
    return new Classpath(Arrays.asList(entries));
  }

  /**
   * Parses a class path as a build tool writes it: entries separated by the platform's path
   * separator or by line breaks, relative ones resolved against {@code base}; blank entries are
   * skipped.
   */
  public static Classpath parse(String text, Path base) {
    List<Path> entries = new ArrayList<>();
    for (String entry : text.split("[\\r\\n" + File.pathSeparator + "]+")) {
      if (!entry.isBlank()) {
        entries.add(base.resolve(entry.trim()));
      }
    }
    return new Classpath(entries);
  }

  /** The same entries, absolute: for a JVM started in another directory. */
  public Classpath absolute() {
    return new Classpath(entries.stream().map(p -> p.toAbsolutePath().normalize()).toList());
  }

  /** This class path with {@code entry} searched first. */
  public Classpath prepend(Path entry) {
    List<Path> all = new ArrayList<>();
    all.add(entry);
    all.addAll(entries);
    return new Classpath(all);
  }

  /**
   * The bytes of {@code resource} (a path such as {@code tuning.properties}) as a class loader on
   * this class path would find it: from the first entry that holds it; null when none does.
   */
  public byte[] resource(String resource) throws IOException {
    for (Path entry : entries) {
      if (Files.isDirectory(entry)) {
        Path file = entry.resolve(resource);
        if (Files.isRegularFile(file)) {
          return Files.readAllBytes(file);
        }
      } else if (Files.isRegularFile(entry)) {
        try (ZipFile jar = new ZipFile(entry.toFile())) {
          ZipEntry found = jar.getEntry(resource);
          if (found != null) {
            try (InputStream in = jar.getInputStream(found)) {
              return in.readAllBytes();
            }
          }
        }
      }
    }
    return null;
  }

  /** The {@code -cp} argument: the entries joined by the platform's path separator. */
  @Override
  public String toString() {
    return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
  }
}

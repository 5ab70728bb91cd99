package dev.tuner.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * tuner's prebuilt benchmark runner (JMH, {@code CaseBenchmark}, the harness and its in-JVM A/B
 * runner, their own libraries relocated), carried inside the tuner jar and put first on every class
 * path the hot path runs on, so a project needs no benchmark module of its own.
 *
 * <p>It is extracted once per content into the user's cache ({@code $XDG_CACHE_HOME/tuner} or
 * {@code ~/.cache/tuner}), named by its hash, so two tuner versions never share one.
 */
public final class RunnerJar {

  static final String RESOURCE = "/dev/tuner/runner/tuner-runner.jar";

  private static Path extracted;

  private RunnerJar() {}

  /** The runner's path, extracting it on first use. */
  public static synchronized Path path() {
    if (extracted == null) {
      try {
        extracted = extract(cacheDir());
        // Marks it used, so another version's clean-up leaves it alone.
        Files.setLastModifiedTime(extracted, FileTime.from(Instant.now()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot extract tuner's benchmark runner: " + e, e);
      }
    }
    return extracted;
  }

  static Path extract(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".runner-", ".jar");
    try {
      String sha;
      try (InputStream in = open();
          DigestInputStream digest = new DigestInputStream(in, sha256())) {
        Files.copy(digest, tmp, StandardCopyOption.REPLACE_EXISTING);
        sha = HexFormat.of().formatHex(digest.getMessageDigest().digest()).substring(0, 16);
      }
      Path jar = dir.resolve("tuner-runner-" + sha + ".jar");
      if (!Files.exists(jar)) {
        Files.move(tmp, jar, StandardCopyOption.ATOMIC_MOVE);
        forgetOldRunners(dir, jar);
      }
      return jar;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Deletes other versions' runners unused for a week (each tuner build with other content brings
   * its own); a tuner still running on one has touched it more recently than that.
   */
  private static void forgetOldRunners(Path dir, Path current) throws IOException {
    FileTime weekAgo = FileTime.from(Instant.now().minus(Duration.ofDays(7)));
    try (Stream<Path> files = Files.list(dir)) {
      for (Path old :
          files.filter(f -> f.getFileName().toString().startsWith("tuner-runner-")).toList()) {
        if (!old.equals(current) && Files.getLastModifiedTime(old).compareTo(weekAgo) < 0) {
          Files.deleteIfExists(old);
        }
      }
    }
  }

  private static InputStream open() throws IOException {
    InputStream in = RunnerJar.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IOException(
          "the tuner jar carries no "
              + RESOURCE
              + "; build tuner with Maven's package phase (mvn -pl tuner -am package)");
    }
    return in;
  }

  private static Path cacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("tuner");
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}

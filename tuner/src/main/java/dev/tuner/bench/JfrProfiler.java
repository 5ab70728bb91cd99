package dev.tuner.bench;

import dev.tuner.io.Classpath;
import dev.tuner.io.Dirs;
import dev.tuner.io.JavaFork;
import dev.tuner.profile.JfrReader;
import dev.tuner.profile.Profile;
import dev.tuner.spec.BenchmarkSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Records where a class path's hot path spends its time: a short JMH run of the cases under replay
 * with JMH's flight-recorder profiler ({@code -prof jfr}), which starts the JDK's recorder when the
 * measurement begins (after the warm-up) and dumps it when it ends, one recording per case, then
 * reads them with {@link JfrReader}. Its own forked JVMs: a profile never runs inside a measurement
 * that decides. No agent: JFR is part of the JDK.
 */
public final class JfrProfiler {

  /**
   * At most this much warm-up and recording per case (less when the spec's own benchmark is
   * shorter, as in {@code tuner demo --quick}): a profile is a picture, and its cost should stay
   * small next to a try's.
   */
  static final long WARMUP_MS = 3000;

  static final long MEASURE_MS = 4000;

  /** Deep enough that no stack of the hot path is cut (JFR's default is 64 frames). */
  static final int STACK_DEPTH = 512;

  /**
   * The recorder's settings: execution samples every millisecond (the {@code profile} settings take
   * one each 10 ms, too few in a 4 s window), allocation samples with their stacks, and every
   * collection. Nothing else, so the recording costs little.
   */
  static final String SETTINGS =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <configuration version="2.0" label="tuner" description="tuner profile: CPU, allocation, GC">
        <event name="jdk.ExecutionSample">
          <setting name="enabled">true</setting>
          <setting name="period">1 ms</setting>
        </event>
        <event name="jdk.NativeMethodSample">
          <setting name="enabled">true</setting>
          <setting name="period">1 ms</setting>
        </event>
        <event name="jdk.ObjectAllocationSample">
          <setting name="enabled">true</setting>
          <setting name="throttle">1000/s</setting>
          <setting name="stackTrace">true</setting>
        </event>
        <event name="jdk.GarbageCollection">
          <setting name="enabled">true</setting>
          <setting name="threshold">0 ms</setting>
        </event>
      </configuration>
      """;

  private JfrProfiler() {}

  /**
   * Profiles the cases on {@code classpath}; throws if JMH fails, runs past {@code timeout}, or
   * writes no recording.
   *
   * @param recordings where the recordings are kept (one {@code .jfr} a case); null: not kept
   * @param log JMH's own output
   */
  public static Profile record(
      Path root,
      Classpath classpath,
      Path specFile,
      BenchmarkSpec spec,
      List<String> cases,
      Path recordings,
      Duration timeout,
      PrintWriter log)
      throws IOException, BenchFailedException {
    Path work = Files.createTempDirectory("tuner-profile");
    try {
      Path settings = Files.writeString(work.resolve("tuner.jfc"), SETTINGS);
      Path dir = Files.createDirectories(work.resolve("jfr"));
      // JMH's stackDepth option does not reach a recorder it starts by diagnostic command after the
      // JVM is up (stacks stayed at JFR's 64 frames, roots lost); the JVM option does.
      List<String> jvmArgs = new ArrayList<>(spec.jvmArgs());
      jvmArgs.add("-XX:FlightRecorderOptions:stackdepth=" + STACK_DEPTH);
      JmhOptions options =
          JmhOptions.of(spec)
              .withJvmArgs(jvmArgs)
              .withForks(1)
              .withWarmup(
                  1, window(spec.jmh().warmupIterations(), spec.jmh().warmupTime(), WARMUP_MS))
              .withMeasurement(
                  1, window(spec.jmh().iterations(), spec.jmh().iterationTime(), MEASURE_MS));
      List<String> args =
          options.arguments(
              specFile.toAbsolutePath(),
              cases,
              work.resolve("jmh.json"),
              work.resolve("calls"),
              "jfr:dir="
                  + dir
                  + ";configName="
                  + settings
                  + ";stackDepth="
                  + STACK_DEPTH
                  + ";debugNonSafePoints=true");
      StringWriter captured = new StringWriter();
      int code;
      try (PrintWriter out = new PrintWriter(captured)) {
        code =
            JavaFork.run(
                root,
                classpath,
                List.of("-Djmh.ignoreLock=true"),
                JmhOptions.MAIN,
                args,
                Map.of(),
                out,
                log,
                timeout);
      } catch (JavaFork.TimedOutException e) {
        throw new BenchFailedException("the profile: " + e.getMessage(), true);
      }
      log.print(captured);
      log.flush();
      if (code != 0) {
        throw new BenchFailedException(
            "the profile's JMH run exited " + code + "; its output is in the bench log", false);
      }
      List<Path> files = recordings(dir);
      if (files.isEmpty()) {
        throw new BenchFailedException(
            "the profile's JMH run wrote no flight recording; its output is in the bench log",
            false);
      }
      Profile profile = JfrReader.read(files, ownPackages(classpath));
      if (recordings != null) {
        keep(files, dir, recordings);
      }
      return profile;
    } catch (dev.tuner.profile.UnreadableProfileException e) {
      throw new BenchFailedException("the profile: " + e.getMessage(), false);
    } finally {
      Dirs.deleteTree(work);
    }
  }

  /**
   * The spec's {@code n × time} (JMH's time syntax: {@code 500ms}, {@code 2s}, {@code 1m}), capped
   * at {@code capMs}; the cap when the time does not parse.
   */
  static String window(int n, String time, long capMs) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|min)").matcher(time.strip());
    if (!m.matches()) {
      return capMs + "ms";
    }
    long unit =
        switch (m.group(2)) {
          case "ms" -> 1;
          case "s" -> 1000;
          default -> 60_000;
        };
    long ms = Math.max(1, n) * Long.parseLong(m.group(1)) * unit;
    return Math.max(100, Math.min(capMs, ms)) + "ms";
  }

  private static List<Path> recordings(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> p.toString().endsWith(".jfr")).sorted().toList();
    }
  }

  /**
   * Each recording as {@code <case>.jfr} (JMH names its directory after the benchmark's params).
   */
  private static void keep(List<Path> files, Path dir, Path to) throws IOException {
    Files.createDirectories(to);
    for (Path f : files) {
      String where = dir.relativize(f.getParent()).toString();
      String name = where.replaceAll(".*caseId-([^-]+(?:-[^-]+)*?)(-transport-.*)?$", "$1");
      Files.copy(
          f,
          to.resolve(
              (name.isBlank() ? "profile" : name.replaceAll("[^A-Za-z0-9._-]", "_")) + ".jfr"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * The packages of the project's own classes: those in the class path's directories (a build's
   * compiled classes), as opposed to its jars (tuner's runner, libraries). Empty when every entry
   * is a jar.
   */
  static SortedSet<String> ownPackages(Classpath classpath) throws IOException {
    SortedSet<String> packages = new TreeSet<>();
    for (Path entry : classpath.entries()) {
      if (!Files.isDirectory(entry)) {
        continue;
      }
      try (Stream<Path> all = Files.walk(entry)) {
        all.filter(p -> p.toString().endsWith(".class"))
            .map(p -> entry.relativize(p).getParent())
            .forEach(
                p ->
                    packages.add(
                        p == null
                            ? ""
                            : p.toString().replace(p.getFileSystem().getSeparator(), ".")));
      }
    }
    packages.remove("");
    packages.removeIf(p -> p.startsWith("META-INF"));
    // tuner's harness is infrastructure even where a build has it as a class directory (this
    // repository's own reactor).
    packages.removeIf(p -> p.startsWith("dev.tuner."));
    return packages;
  }
}

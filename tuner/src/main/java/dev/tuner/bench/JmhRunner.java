package dev.tuner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuner.io.Classpath;
import dev.tuner.io.JavaFork;
import dev.tuner.io.Json;
import dev.tuner.measure.JmhJsonReader;
import dev.tuner.measure.JmhResults;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs JMH on a class path in a forked JVM (JMH forks again for each case) and reads what it wrote:
 * its JSON, with every fork's histogram, and {@code CaseBenchmark}'s calls-per-operation files.
 */
public final class JmhRunner {

  private static final ObjectMapper JSON = Json.mapper();

  private JmhRunner() {}

  /**
   * Runs the cases and returns the results; JMH's own output goes to {@code log}. JMH runs in the
   * spec's directory, as parity does, so a hot path reads a case's files there.
   *
   * @param specFile the spec whose cases and fixtures the benchmark replays
   * @param outDir receives {@code jmh.json} and the calls files (created if missing)
   * @throws BenchFailedException if JMH exits non-zero or writes no result
   */
  public static BenchRun run(
      Classpath classpath,
      Path specFile,
      List<String> cases,
      JmhOptions options,
      Path outDir,
      PrintWriter log)
      throws IOException, BenchFailedException {
    return run(classpath, specFile, cases, options, outDir, log, null);
  }

  /**
   * Like {@link #run(Classpath, Path, List, JmhOptions, Path, PrintWriter)}, within {@code timeout}
   * (null: none).
   */
  public static BenchRun run(
      Classpath classpath,
      Path specFile,
      List<String> cases,
      JmhOptions options,
      Path outDir,
      PrintWriter log,
      Duration timeout)
      throws IOException, BenchFailedException {
    outDir = outDir.toAbsolutePath();
    Files.createDirectories(outDir);
    Path json = outDir.resolve("jmh.json");
    Path calls = outDir.resolve("calls");
    Files.deleteIfExists(json);
    deleteCallFiles(calls);
    int code;
    try {
      // JMH's machine-wide lock would make an unrelated JMH run abort an overnight loop; the
      // tuner's own
      // run lock already keeps its benchmarks from overlapping each other.
      code =
          JavaFork.run(
              specFile.toAbsolutePath().getParent(),
              classpath.absolute(),
              List.of("-Djmh.ignoreLock=true"),
              JmhOptions.MAIN,
              options.arguments(specFile, cases, json, calls),
              Map.of(),
              log,
              log,
              timeout);
    } catch (JavaFork.TimedOutException e) {
      throw new BenchFailedException("JMH: " + e.getMessage(), true);
    }
    if (code != 0 || !Files.exists(json)) {
      throw new BenchFailedException("JMH failed (exit " + code + "); its output is above");
    }
    JmhResults results = JmhJsonReader.read(json);
    return new BenchRun(json, results, readCalls(calls));
  }

  /** {@code <case>-<pid>.json} files: one per fork, written at the end of the fork. */
  static Map<String, List<Map<String, Double>>> readCalls(Path dir) throws IOException {
    Map<String, List<Map<String, Double>>> byCase = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return byCase;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    for (Path file : files) {
      JsonNode node = JSON.readTree(file.toFile());
      Map<String, Double> perOp = new TreeMap<>();
      node.path("callsPerOp")
          .properties()
          .forEach(e -> perOp.put(e.getKey(), e.getValue().asDouble()));
      byCase.computeIfAbsent(node.path("case").asText(), c -> new ArrayList<>()).add(perOp);
    }
    return byCase;
  }

  private static void deleteCallFiles(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }
}

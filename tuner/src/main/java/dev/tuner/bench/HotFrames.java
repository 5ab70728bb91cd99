package dev.tuner.bench;

import dev.tuner.build.Dirs;
import dev.tuner.fork.JavaFork;
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

/**
 * Where an artifact's hot path spends its time: a short JMH run with the stack profiler ({@code -prof stack},
 * a sampling of thread stacks), boiled down to the hottest RUNNABLE stacks per case. Cheap (one fork, a
 * few seconds a case) and approximate: it points a proposer at the code that matters, it decides nothing.
 */
public final class HotFrames {

  /** Stack depth per sample and how many distinct stacks to keep. */
  static final String PROFILER = "stack:lines=4;top=8";
  static final String WARMUP = "4s";
  static final String MEASURE = "4s";
  private static final int MAX_LINES_PER_CASE = 40;

  private HotFrames() {}

  /**
   * Profiles each case and returns the hottest stacks, or throws if JMH fails or runs past {@code timeout}.
   *
   * @param log JMH's own output
   */
  public static String profile(Path root, Path artifact, Path specFile, BenchmarkSpec spec, List<String> cases,
      Duration timeout, PrintWriter log) throws IOException, BenchFailedException {
    Path work = Files.createTempDirectory("tuner-profile");
    try {
      JmhOptions options = JmhOptions.of(spec).withForks(1).withWarmup(1, WARMUP).withMeasurement(1, MEASURE);
      List<String> args = options.arguments(specFile.toAbsolutePath(), cases, work.resolve("jmh.json"),
          work.resolve("calls"), PROFILER);
      StringWriter captured = new StringWriter();
      int code;
      try (PrintWriter out = new PrintWriter(captured)) {
        code = JavaFork.run(root, artifact, List.of("-Djmh.ignoreLock=true"), JmhOptions.MAIN, args, Map.of(), out,
            log, timeout);
      } catch (JavaFork.TimedOutException e) {
        throw new BenchFailedException("the profile of " + artifact.getFileName() + ": " + e.getMessage(), true);
      }
      log.print(captured);
      log.flush();
      if (code != 0) {
        throw new BenchFailedException("the profile's JMH run exited " + code + "; its output is in the bench log",
            false);
      }
      return parse(captured.toString());
    } finally {
      Dirs.deleteTree(work);
    }
  }

  /**
   * The RUNNABLE sections of JMH's stack profiler output, one per benchmark (case), headed by the case.
   * Returns an empty string if there are none.
   */
  static String parse(String jmhOutput) {
    List<String> lines = jmhOutput.lines().toList();
    StringBuilder out = new StringBuilder();
    String currentCase = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("# Parameters:")) {
        currentCase = line.replaceAll(".*caseId = ([^,)]+).*", "$1");
      }
      if (line.startsWith("....[Thread state: RUNNABLE]")) {
        out.append("case ").append(currentCase == null ? "?" : currentCase)
            .append(": share of RUNNABLE samples, hottest stacks (top frame first)\n");
        List<String> section = new ArrayList<>();
        for (int j = i + 1; j < lines.size() && !lines.get(j).startsWith("....[") && !lines.get(j).isBlank(); j++) {
          section.add(lines.get(j).stripTrailing());
        }
        section.stream().limit(MAX_LINES_PER_CASE).forEach(l -> out.append(l).append('\n'));
        out.append('\n');
      }
    }
    return out.toString().strip();
  }
}

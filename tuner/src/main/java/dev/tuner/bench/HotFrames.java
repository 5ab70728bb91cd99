package dev.tuner.bench;

import dev.tuner.io.Classpath;
import dev.tuner.io.Dirs;
import dev.tuner.io.JavaFork;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a class path's hot path spends its time: a short JMH run with the stack profiler ({@code
 * -prof stack}, a sampling of thread stacks), boiled down to the hottest RUNNABLE stacks per case.
 * Cheap (one fork, a few seconds a case) and approximate: it points a proposer at the code that
 * matters, it decides nothing.
 */
public final class HotFrames {

  /** Stack depth per sample and how many distinct stacks to keep. */
  static final String PROFILER = "stack:lines=12;top=10";

  static final String WARMUP = "4s";
  static final String MEASURE = "4s";

  private HotFrames() {}

  /**
   * Profiles each case and returns the hottest stacks, or throws if JMH fails or runs past {@code
   * timeout}.
   *
   * @param log JMH's own output
   */
  public static String profile(
      Path root,
      Classpath classpath,
      Path specFile,
      BenchmarkSpec spec,
      List<String> cases,
      Duration timeout,
      PrintWriter log)
      throws IOException, BenchFailedException {
    Path work = Files.createTempDirectory("tuner-profile");
    try {
      JmhOptions options =
          JmhOptions.of(spec).withForks(1).withWarmup(1, WARMUP).withMeasurement(1, MEASURE);
      List<String> args =
          options.arguments(
              specFile.toAbsolutePath(),
              cases,
              work.resolve("jmh.json"),
              work.resolve("calls"),
              PROFILER);
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
      return parse(captured.toString());
    } finally {
      Dirs.deleteTree(work);
    }
  }

  /**
   * The RUNNABLE sections of JMH's stack profiler output, one per benchmark (case): each sampled
   * stack on one line, top frame first, cut after the first frames of the application (below the
   * JDK), so a stack that starts deep in the JDK still names the code that called it. Empty if
   * there are none.
   */
  static String parse(String jmhOutput) {
    List<String> lines = jmhOutput.lines().toList();
    StringBuilder out = new StringBuilder();
    String currentCase = "?";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("# Parameters:")) {
        currentCase = line.replaceAll(".*caseId = ([^,)]+).*", "$1");
      }
      if (!line.startsWith("....[Thread state: RUNNABLE]")) {
        continue;
      }
      List<String> stacks = new ArrayList<>();
      String share = null;
      List<String> frames = new ArrayList<>();
      for (int j = i + 1;
          j < lines.size() && !lines.get(j).startsWith("....[") && !lines.get(j).startsWith("#");
          j++) {
        Matcher entry = ENTRY.matcher(lines.get(j));
        Matcher more = CONTINUATION.matcher(lines.get(j));
        if (entry.matches()) {
          add(stacks, share, frames);
          share = entry.group(1);
          frames = new ArrayList<>(List.of(entry.group(2).strip()));
        } else if (more.matches() && share != null) {
          frames.add(more.group(1).strip());
        }
      }
      add(stacks, share, frames);
      if (!stacks.isEmpty()) {
        out.append("case ")
            .append(currentCase)
            .append(
                " (share of the RUNNABLE samples; each stack top frame first, <- its callers)\n");
        stacks.forEach(st -> out.append(st).append('\n'));
        out.append('\n');
      }
    }
    return out.toString().strip();
  }

  private static final Pattern ENTRY =
      Pattern.compile("^\\s*(\\d+\\.\\d+%)\\s+\\d+\\.\\d+%\\s+(.+)$");
  private static final Pattern CONTINUATION = Pattern.compile("^\\s{8,}(\\S.*)$");
  private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");
  private static final int APPLICATION_FRAMES = 2;

  private static void add(List<String> stacks, String share, List<String> frames) {
    if (share == null || frames.isEmpty() || frames.get(0).startsWith("<")) {
      return; // "<other>" and "<stack is empty ...>" name no code
    }
    List<String> shown = new ArrayList<>();
    int application = 0;
    for (String frame : frames) {
      frame = frame.replaceAll("/0x[0-9a-f]+", ""); // a lambda's address differs from JVM to JVM
      if (!shown.isEmpty() && shown.get(shown.size() - 1).equals(frame)) {
        continue;
      }
      shown.add(frame);
      if (JDK.stream().noneMatch(frame::startsWith) && ++application >= APPLICATION_FRAMES) {
        break;
      }
    }
    stacks.add(String.format("%6s  %s", share, String.join(" <- ", shown)));
  }
}

package dev.tuner.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads flight recordings with the JDK's own {@code jdk.jfr.consumer}: execution samples ({@code
 * jdk.ExecutionSample}, and {@code jdk.NativeMethodSample} for threads in native code), allocation
 * samples ({@code jdk.ObjectAllocationSample}, weighted by the bytes each sample stands for) and
 * collections ({@code jdk.GarbageCollection}).
 *
 * <p>Stacks are cut below the user's code: frames from the root up to the first one that is neither
 * the JDK, JMH nor tuner's runner and harness are dropped, so every stack starts where the hot path
 * does; a sample with no such frame (JMH's own threads, the harness between two calls) is not the
 * hot path's and is left out.
 */
public final class JfrReader {

  private JfrReader() {}

  /**
   * Reads and pools the recordings.
   *
   * @throws UnreadableProfileException naming the file that is not a flight recording
   */
  public static Profile read(List<Path> recordings, Set<String> ownPackages)
      throws UnreadableProfileException {
    Stacks.Builder cpu = new Stacks.Builder();
    Stacks.Builder alloc = new Stacks.Builder();
    Profile.Gc gc = Profile.Gc.NONE;
    for (Path file : recordings) {
      gc = gc.plus(read(file, cpu, alloc));
    }
    return new Profile(cpu.build(), alloc.build(), gc, ownPackages);
  }

  private static Profile.Gc read(Path file, Stacks.Builder cpu, Stacks.Builder alloc)
      throws UnreadableProfileException {
    int collections = 0;
    double pauseMs = 0;
    double longestMs = 0;
    Instant first = null;
    Instant last = null;
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent e = recording.readEvent();
        Instant at = e.getStartTime();
        first = first == null || at.isBefore(first) ? at : first;
        last = last == null || e.getEndTime().isAfter(last) ? e.getEndTime() : last;
        switch (e.getEventType().getName()) {
          case "jdk.ExecutionSample", "jdk.NativeMethodSample" ->
              cpu.add(hotPath(e.getStackTrace()), 1);
          case "jdk.ObjectAllocationSample" -> {
            List<String> stack = hotPath(e.getStackTrace());
            if (!stack.isEmpty()) {
              stack.add(Profile.allocated(typeName(e.getClass("objectClass"))));
              alloc.add(stack, Math.max(0, e.getLong("weight")));
            }
          }
          case "jdk.GarbageCollection" -> {
            collections++;
            pauseMs += millis(e.getDuration("sumOfPauses"));
            longestMs = Math.max(longestMs, millis(e.getDuration("longestPause")));
          }
          default -> {}
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new UnreadableProfileException(
          "cannot read the flight recording " + file + ": " + e.getMessage(), e);
    }
    double seconds = first == null ? 0 : Duration.between(first, last).toNanos() / 1e9;
    return new Profile.Gc(collections, pauseMs, longestMs, seconds);
  }

  /** The stack's frames root first, from the first frame of the user's code; empty if none. */
  static List<String> hotPath(RecordedStackTrace trace) {
    List<String> rootFirst = new ArrayList<>();
    if (trace == null) {
      return rootFirst;
    }
    List<RecordedFrame> frames = trace.getFrames();
    for (int i = frames.size() - 1; i >= 0; i--) {
      RecordedFrame f = frames.get(i);
      if (f.getMethod() == null) {
        continue;
      }
      rootFirst.add(name(f.getMethod().getType().getName(), f.getMethod().getName()));
    }
    return place(rootFirst, trace.isTruncated());
  }

  /**
   * A recorded stack, root first, placed under the hot path or under a marker when it cannot be.
   */
  static List<String> place(List<String> rootFirst, boolean truncated) {
    if (rootFirst.stream().allMatch(Frames::infrastructure)) {
      return new ArrayList<>(); // JMH's, the JDK's or tuner's own threads, not the hot path
    }
    if (truncated) {
      // Its root is lost, so it cannot be cut at the hot path: shown apart, not mixed in.
      rootFirst.add(0, TRUNCATED);
      return rootFirst;
    }
    if (!rootFirst.isEmpty() && !Frames.threadRoot(rootFirst.get(0))) {
      // The sampler gave up before the thread's root (a few samples in a thousand): without its
      // callers the stack cannot be placed under the hot path either.
      rootFirst.add(0, INCOMPLETE);
      return rootFirst;
    }
    return cut(rootFirst);
  }

  /** The root frame of stacks deeper than the recorder kept. */
  public static final String TRUNCATED = "[truncated stack]";

  /** The root frame of stacks the sampler could not walk to the thread's root. */
  public static final String INCOMPLETE = "[incomplete stack]";

  /** Drops the infrastructure frames below the first frame of the user's code. */
  static List<String> cut(List<String> rootFirst) {
    for (int i = 0; i < rootFirst.size(); i++) {
      if (!Frames.infrastructure(rootFirst.get(i))) {
        return new ArrayList<>(rootFirst.subList(i, rootFirst.size()));
      }
    }
    return new ArrayList<>();
  }

  /**
   * {@code Type.method}, a lambda's number and address left out ({@code
   * Foo$$Lambda$41/0x0000000800c0b040}, or as JFR names it {@code
   * Foo$$Lambda$166+0x00007fd68d2d3158.2016576867}, → {@code Foo$$Lambda}; any hidden class's
   * address likewise), so two JVMs name it alike.
   */
  static String name(String type, String method) {
    String stable =
        type.replaceAll("\\$\\$Lambda\\$\\d+", "\\$\\$Lambda")
            .replaceAll("(\\+0x\\p{XDigit}+(\\.\\d+)?|/0x\\p{XDigit}+)", "");
    return stable + "." + method;
  }

  /** A JVM class name as Java writes it: {@code [B} → {@code byte[]}. */
  static String typeName(RecordedClass type) {
    if (type == null) {
      return "?";
    }
    String name = type.getName();
    int dims = 0;
    while (dims < name.length() && name.charAt(dims) == '[') {
      dims++;
    }
    if (dims == 0) {
      return name;
    }
    String element =
        switch (name.substring(dims)) {
          case "B" -> "byte";
          case "C" -> "char";
          case "I" -> "int";
          case "J" -> "long";
          case "D" -> "double";
          case "F" -> "float";
          case "S" -> "short";
          case "Z" -> "boolean";
          default -> name.substring(dims).replaceAll("^L(.*);$", "$1");
        };
    return element + "[]".repeat(dims);
  }

  private static double millis(Duration d) {
    return d == null ? 0 : d.toNanos() / 1e6;
  }
}

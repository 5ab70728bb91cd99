package dev.tuner.profile;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The hottest frames of a profile, as a table for a person ({@code tuner profile}) and a proposer
 * (the prompt, the MCP {@code profile} tool).
 *
 * <p>Per frame of the project's own code: <em>own</em>, the samples in which it is the deepest
 * project frame (its self time plus the library and JDK code it calls: the time a change to this
 * method can remove); <em>total</em>, the samples it is anywhere on the stack in (inclusive); and
 * <em>self</em>, the samples it is the top frame of. Then the library and JDK frames with most self
 * time, each with the project frame that calls it most, and the allocation sites: bytes per
 * (project frame, allocated class).
 *
 * @param samples execution samples in the profile
 * @param frames the project's frames, most own time first
 * @param leaves library and JDK frames, most self time first
 * @param allocBytes sampled bytes in the profile
 * @param sites allocation sites, most bytes first
 */
public record FrameTable(
    long samples,
    List<Row> frames,
    List<Leaf> leaves,
    long allocBytes,
    List<Site> sites,
    Profile.Gc gc) {

  /** A project frame: its own, total and self samples. */
  public record Row(String frame, long own, long total, long self) {}

  /** A library or JDK frame's self samples, and the project frame that calls it most. */
  public record Leaf(String frame, long self, String caller) {}

  /** Bytes allocated of a class under a project frame. */
  public record Site(String frame, String type, long bytes) {}

  /** The table of {@code profile}, {@code top} rows per section. */
  public static FrameTable of(Profile profile, int top) {
    Map<String, long[]> rows = new HashMap<>();
    Map<String, Map<String, Long>> leafCallers = new HashMap<>();
    profile
        .cpu()
        .weights()
        .forEach(
            (stack, w) -> {
              List<String> frames = Stacks.frames(stack);
              Set<String> seen = new HashSet<>();
              for (String f : frames) {
                if (profile.own(f) && seen.add(f)) {
                  rows.computeIfAbsent(f, k -> new long[3])[1] += w;
                }
              }
              String leaf = frames.get(frames.size() - 1);
              String owner = deepestOwn(profile, frames);
              if (owner != null) {
                rows.computeIfAbsent(owner, k -> new long[3])[0] += w;
              }
              if (profile.own(leaf)) {
                rows.get(leaf)[2] += w;
              } else {
                leafCallers
                    .computeIfAbsent(leaf, k -> new HashMap<>())
                    .merge(owner == null ? "" : owner, w, Long::sum);
              }
            });
    List<Row> rowList =
        rows.entrySet().stream()
            .map(e -> new Row(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
            .sorted(
                Comparator.comparingLong(Row::own)
                    .thenComparingLong(Row::total)
                    .reversed()
                    .thenComparing(Row::frame))
            .limit(top)
            .toList();
    List<Leaf> leaves =
        leafCallers.entrySet().stream()
            .map(
                e ->
                    new Leaf(
                        e.getKey(),
                        e.getValue().values().stream().mapToLong(Long::longValue).sum(),
                        e.getValue().entrySet().stream()
                            .max(Map.Entry.<String, Long>comparingByValue())
                            .map(Map.Entry::getKey)
                            .orElse("")))
            .sorted(Comparator.comparingLong(Leaf::self).reversed().thenComparing(Leaf::frame))
            .limit(top)
            .toList();
    Map<List<String>, Long> sites = new HashMap<>();
    profile
        .alloc()
        .weights()
        .forEach(
            (stack, bytes) -> {
              List<String> frames = Stacks.frames(stack);
              String leaf = frames.get(frames.size() - 1);
              String type =
                  leaf.endsWith(Profile.ALLOCATED)
                      ? leaf.substring(0, leaf.length() - Profile.ALLOCATED.length())
                      : "?";
              String owner = deepestOwn(profile, frames);
              sites.merge(List.of(owner == null ? frames.get(0) : owner, type), bytes, Long::sum);
            });
    List<Site> siteRows =
        sites.entrySet().stream()
            .map(e -> new Site(e.getKey().get(0), e.getKey().get(1), e.getValue()))
            .sorted(Comparator.comparingLong(Site::bytes).reversed().thenComparing(Site::frame))
            .limit(top)
            .toList();
    return new FrameTable(
        profile.cpu().total(), rowList, leaves, profile.alloc().total(), siteRows, profile.gc());
  }

  private static String deepestOwn(Profile profile, List<String> frames) {
    for (int i = frames.size() - 1; i >= 0; i--) {
      if (profile.own(frames.get(i))) {
        return frames.get(i);
      }
    }
    return null;
  }

  /** The table as text: what {@code tuner profile} prints and a prompt quotes. */
  public String text() {
    StringBuilder out = new StringBuilder();
    if (samples == 0) {
      return "no execution samples of the hot path were recorded\n";
    }
    out.append(
        String.format(
            Locale.ROOT,
            "CPU: %d samples. own = the frame is the deepest of the project's code (its self time"
                + " plus the library and JDK code it calls); total = anywhere on the stack;"
                + " self = top of the stack.%n",
            samples));
    out.append(String.format(Locale.ROOT, "%7s %7s %7s  %s%n", "own", "total", "self", "frame"));
    for (Row r : frames) {
      out.append(
          String.format(
              Locale.ROOT,
              "%6.1f%% %6.1f%% %6.1f%%  %s%n",
              pct(r.own(), samples),
              pct(r.total(), samples),
              pct(r.self(), samples),
              r.frame()));
    }
    if (!leaves.isEmpty()) {
      out.append("\nLibrary and JDK frames with the most self time (called from):\n");
      for (Leaf l : leaves) {
        out.append(
            String.format(
                Locale.ROOT,
                "%6.1f%%  %s%s%n",
                pct(l.self(), samples),
                l.frame(),
                l.caller().isEmpty() ? "" : "  <- " + l.caller()));
      }
    }
    if (!sites.isEmpty()) {
      out.append(
          String.format(
              Locale.ROOT,
              "%nAllocation sites (%s sampled; the project frame that allocates, and what):%n",
              bytes(allocBytes)));
      for (Site s : sites) {
        out.append(
            String.format(
                Locale.ROOT, "%6.1f%%  %s  %s%n", pct(s.bytes(), allocBytes), s.frame(), s.type()));
      }
    }
    if (gc.recordedSeconds() > 0) {
      out.append(
          String.format(
              Locale.ROOT,
              "%nGC: %d collections, %.1f ms paused (%.2f%% of %.1f s recorded), longest %.1f ms%n",
              gc.collections(),
              gc.pauseMs(),
              100 * gc.pauseShare(),
              gc.recordedSeconds(),
              gc.longestPauseMs()));
    }
    return out.toString();
  }

  private static double pct(long part, long whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }

  static String bytes(long b) {
    if (b >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GB", b / (double) (1L << 30));
    }
    if (b >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1f MB", b / (double) (1L << 20));
    }
    if (b >= 1L << 10) {
      return String.format(Locale.ROOT, "%.1f KB", b / (double) (1L << 10));
    }
    return b + " B";
  }
}

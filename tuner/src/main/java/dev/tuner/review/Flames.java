package dev.tuner.review;

import dev.tuner.profile.FlameGraph;
import dev.tuner.profile.ProfileStore;
import dev.tuner.profile.Stacks;
import dev.tuner.profile.UnreadableProfileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The flame graphs of a run's report, from the profiles the loop kept ({@code
 * .tuner/profiles/<commit>/}): the best's CPU and allocation graphs, and the differential graph of
 * baseline → best. Any of them is null when its profile was not taken (a run with {@code
 * optimize.profile: false}, or a log from elsewhere).
 */
public record Flames(
    String cpuSvg,
    String allocSvg,
    String diffSvg,
    ProfileStore.Stored baseline,
    ProfileStore.Stored best) {

  /** Which graph {@code tuner report --flame} writes. */
  public enum Kind {
    CPU,
    ALLOC,
    DIFF
  }

  public static final Flames NONE = new Flames(null, null, null, null, null);

  /**
   * The flame graphs of the segment's baseline and best, from the profiles in {@code dir}.
   *
   * @throws UnreadableProfileException naming a kept profile file that cannot be read
   */
  public static Flames of(Summary summary, Path dir) throws UnreadableProfileException {
    if (summary.best() == null) {
      return NONE;
    }
    ProfileStore store = new ProfileStore(dir);
    Optional<ProfileStore.Stored> best = store.find(summary.best().experiment().commit());
    Optional<ProfileStore.Stored> baseline =
        summary.baseline() == null
            ? Optional.empty()
            : store.find(summary.baseline().experiment().commit());
    String cpu = null;
    String alloc = null;
    String diff = null;
    if (best.isPresent()) {
      ProfileStore.Stored b = best.get();
      String name = shortCommit(b.commit());
      cpu =
          FlameGraph.svg(
              b.profile().cpu(), FlameGraph.Kind.CPU, "CPU of the best, " + name, b.profile()::own);
      alloc =
          FlameGraph.svg(
              b.profile().alloc(),
              FlameGraph.Kind.ALLOC,
              "Allocations of the best, " + name,
              b.profile()::own);
      if (baseline.isPresent() && !baseline.get().commit().equals(b.commit())) {
        diff =
            FlameGraph.diff(
                baseline.get().profile().cpu(),
                b.profile().cpu(),
                "CPU, baseline " + shortCommit(baseline.get().commit()) + " → best " + name);
      }
    }
    return new Flames(cpu, alloc, diff, baseline.orElse(null), best.orElse(null));
  }

  public boolean any() {
    return cpuSvg != null;
  }

  /** One graph: its SVG; null when that profile is missing. */
  public String svg(Kind kind) {
    return switch (kind) {
      case CPU -> cpuSvg;
      case ALLOC -> allocSvg;
      case DIFF -> diffSvg;
    };
  }

  /**
   * The collapsed stacks of one graph: the best's; for the differential graph, flamegraph.pl's
   * two-column form ({@code a;b;c before after}, which its {@code difffolded.pl} writes).
   */
  public String collapsed(Kind kind) {
    return switch (kind) {
      case CPU -> best.profile().cpu().text();
      case ALLOC -> best.profile().alloc().text();
      case DIFF -> twoColumns(baseline.profile().cpu(), best.profile().cpu());
    };
  }

  static String twoColumns(Stacks before, Stacks after) {
    TreeSet<String> stacks = new TreeSet<>(before.weights().keySet());
    stacks.addAll(after.weights().keySet());
    StringBuilder out = new StringBuilder();
    TreeMap<String, Long> b = new TreeMap<>(before.weights());
    TreeMap<String, Long> a = new TreeMap<>(after.weights());
    for (String s : stacks) {
      out.append(s)
          .append(' ')
          .append(b.getOrDefault(s, 0L))
          .append(' ')
          .append(a.getOrDefault(s, 0L))
          .append('\n');
    }
    return out.toString();
  }

  /** What the report says about the profiles: cases, samples, and what taking them cost. */
  String caption() {
    StringBuilder c = new StringBuilder();
    for (ProfileStore.Stored p : new ProfileStore.Stored[] {baseline, best}) {
      if (p == null || (p == best && baseline != null && p.commit().equals(baseline.commit()))) {
        continue;
      }
      if (c.length() > 0) {
        c.append("; ");
      }
      c.append(
          String.format(
              Locale.ROOT,
              "%s %s: %d CPU samples of %s, taken in %.0f s",
              p == baseline ? "baseline" : "best",
              shortCommit(p.commit()),
              p.profile().cpu().total(),
              String.join(", ", p.cases()),
              p.seconds()));
    }
    return c.toString();
  }

  private static String shortCommit(String c) {
    return c.substring(0, Math.min(7, c.length()));
  }
}

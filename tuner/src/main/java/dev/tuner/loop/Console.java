package dev.tuner.loop;

import dev.tuner.bench.BenchStage;
import dev.tuner.log.Diff;
import dev.tuner.log.Stats;
import dev.tuner.log.Status;
import dev.tuner.log.Stop;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a run prints as it goes: one line per stage, a progress line per try. */
public final class Console {

  private final PrintWriter out;

  public Console(PrintWriter out) {
    this.out = out;
  }

  PrintWriter writer() {
    return out;
  }

  void started(String branch, String base, String userBranch, Path log) {
    out.printf(
        "tuner optimize: branch %s from %s (%s); log %s%n",
        branch, shortSha(base), userBranch, log);
    out.println("  Ctrl-C stops at any moment; continue with: tuner optimize --resume");
  }

  void resumed(String branch, int run, String best) {
    out.printf(
        Locale.ROOT,
        "tuner optimize --resume: %s at run %d, best %s%n",
        branch,
        run,
        shortSha(best));
  }

  void baselineStarts(String commit) {
    out.println("baseline " + shortSha(commit) + ": build, parity, bench");
  }

  void baselineMeasured(double p50, double p95, int cases) {
    out.printf(
        Locale.ROOT,
        "baseline: p50 %.2f ms, p95 %.2f ms (geometric means over %d cases)%n",
        p50,
        p95,
        cases);
  }

  void proposing(int attempt, int max, String phase, String kind) {
    out.printf(Locale.ROOT, "%n[%d/%d] phase %s · proposing (%s)%n", attempt, max, phase, kind);
  }

  /**
   * A try's change, committed. Its id is not printed here: the commit is amended with its result
   * once it is known, and the progress line names the commit that is logged and kept.
   */
  void committed(String description, Diff diff) {
    out.printf(
        "  committed: %s (%d file(s), +%d -%d)%n",
        description, diff.files().size(), diff.added(), diff.removed());
  }

  /**
   * A try that could not be tried ({@code invalid_proposal}, {@code scope_violation}, …): which
   * proposal (the patch file of a queue, else its description) and why, on one line.
   */
  void refused(Status status, String proposal, int run, String reason) {
    String name = proposal == null ? "proposal " + run : proposal;
    String why = reason == null ? "" : reason.lines().findFirst().orElse("").strip();
    out.printf("  %s %s%n", status.label(), why.startsWith(name) ? why : name + ": " + why);
  }

  void stage(String name, double seconds, Stop stop) {
    out.printf(
        Locale.ROOT, "  %s %.1fs %s%n", name, seconds, stop == null ? "ok" : stop.status().label());
  }

  void benched(double seconds, Status status, String reason) {
    out.printf(Locale.ROOT, "  bench %.1fs → %s: %s%n", seconds, status.label(), reason);
  }

  /**
   * The line that ends a try.
   *
   * @param commit the try's commit as logged (after its message was amended); null when it changed
   *     nothing
   * @param ref where a try that was not kept stays reachable; null for a kept one
   */
  void progress(
      RunState s, Status status, String commit, String ref, LoopOptions options, Duration elapsed) {
    out.printf(
        Locale.ROOT,
        "  = %s%s · best %s, %s %+.1f%% vs baseline · %d/%d tries · %d min elapsed%s%s%n",
        status.label(),
        commit == null ? "" : " " + shortSha(commit) + (ref == null ? "" : " (" + ref + ")"),
        shortSha(s.best),
        s.primaryName(),
        100 * (s.bestVsBaseline - 1),
        s.attempts,
        options.maxExperiments(),
        elapsed.toMinutes(),
        options.maxWall() == null ? "" : " of " + options.maxWall().toMinutes(),
        cost(s));
    out.flush();
  }

  /** The cost so far, or that it is unknown (a model without a price); empty when free. */
  static String cost(RunState s) {
    if (s.costUnknown != null) {
      return " · cost unknown (no price for "
          + s.costUnknown
          + (s.cost > 0 ? String.format(Locale.ROOT, "; $%.2f priced", s.cost) : "")
          + ")";
    }
    return s.cost > 0 ? String.format(Locale.ROOT, " · $%.2f", s.cost) : "";
  }

  void phaseChanged(RunState s) {
    out.println("  → phase " + s.phaseName() + ": contracts " + s.contracts());
  }

  void stopped(String reason) {
    out.println();
    out.println("stopped: " + reason);
  }

  void holdoutStarts(List<String> cases, String best, String base) {
    out.println(
        "hold-out: "
            + String.join(", ", cases)
            + " (never tuned against): best "
            + shortSha(best)
            + " vs start "
            + shortSha(base));
  }

  /** Parity held on the hold-out cases; {@code latency} says what the comparison showed. */
  void holdoutHeld(int cases, String latency) {
    out.println(
        "hold-out: parity held on the "
            + cases
            + (cases == 1 ? " hold-out case; " : " hold-out cases; ")
            + latency);
  }

  /**
   * The comparison of the best with the start on the hold-out cases, in words: each quantile's
   * change with its interval, then what that shows and what it does not.
   *
   * @param threshold the keep rule's δ ({@code metric.threshold})
   */
  static String latency(BenchStage.Decision d, double threshold) {
    Map<String, Stats> stats = d.stats() == null ? Map.of() : d.stats();
    Stats p50 = stats.get("p50");
    Stats p95 = stats.get("p95");
    List<String> shown = new ArrayList<>();
    if (p50 != null) {
      shown.add("p50 " + change(p50));
    }
    if (p95 != null) {
      shown.add("p95 " + change(p95));
    }
    String delta = String.format(Locale.ROOT, "-%.3g%%", 100 * threshold);
    String words;
    if (d.faster()) {
      words = "faster beyond noise (both intervals below " + delta + ")";
    } else if (p50 == null || p95 == null) {
      words = "not shown to be faster: " + d.reason();
    } else if ("improved".equals(p50.verdict()) && "improved".equals(p95.verdict())) {
      words = "faster beyond noise, yet not an improvement: " + d.reason();
    } else if ("regressed".equals(p50.verdict()) || "regressed".equals(p95.verdict())) {
      words = "slower beyond noise";
    } else if (p50.ratio() < 1 && p95.ratio() < 1) {
      words = "faster, but not shown beyond noise (that needs both intervals below " + delta + ")";
    } else if (p50.ratio() > 1 && p95.ratio() > 1) {
      words = "slower, but not shown beyond noise";
    } else {
      words = "no change shown beyond noise";
    }
    return "latency " + String.join(", ", shown) + ": " + words;
  }

  /** {@code -42.0% [-61.3, +12.0]}: a ratio as a change in percent, with its interval. */
  static String change(Stats s) {
    String point = String.format(Locale.ROOT, "%+.1f%%", 100 * (s.ratio() - 1));
    if (s.ci() == null || s.ci().isEmpty()) {
      return point;
    }
    Double lo = s.ci().get(0);
    Double hi = s.ci().size() > 1 ? s.ci().get(1) : null;
    return point + " [" + bound(lo) + ", " + bound(hi) + "]";
  }

  private static String bound(Double ratio) {
    return ratio == null ? "…" : String.format(Locale.ROOT, "%+.1f", 100 * (ratio - 1));
  }

  /** The best fails parity on the hold-out cases: why, and the first lines of the evidence. */
  void holdoutFails(List<String> cases, Stop stop) {
    out.println(
        "hold-out: parity FAILS on the hold-out cases ("
            + String.join(", ", cases)
            + "): "
            + stop.status().label()
            + ", "
            + stop.reason());
    if (stop.evidence() != null) {
      stop.evidence().lines().limit(5).forEach(l -> out.println("    " + l));
    }
  }

  void holdoutReplays(int keptSteps) {
    out.println(
        "hold-out: replaying the hold-out cases on the start and the "
            + keptSteps
            + (keptSteps == 1 ? " kept step" : " kept steps")
            + " in order (parity only, no benchmark)");
  }

  void holdoutStep(int run, String commit, String description, boolean passed, boolean isBest) {
    out.printf(
        "  %s %s%s: parity %s%n",
        run == 0 ? "start" : "run " + run,
        shortSha(commit),
        run == 0 || description == null ? "" : " " + description,
        passed ? "holds" : isBest ? "FAILS (the best, checked above)" : "FAILS");
    out.flush();
  }

  void holdoutBroken(String message) {
    out.println("hold-out: " + message);
  }

  void restored(String best, String branch, String userBranch) {
    out.println(
        "best: "
            + shortSha(best)
            + " on branch "
            + branch
            + "; your branch "
            + userBranch
            + " is checked out again, unchanged");
    out.flush();
  }

  static String shortSha(String sha) {
    return sha == null ? "-" : sha.substring(0, Math.min(8, sha.length()));
  }
}

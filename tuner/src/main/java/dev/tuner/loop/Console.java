package dev.tuner.loop;

import dev.tuner.log.Diff;
import dev.tuner.log.Status;
import dev.tuner.log.Stop;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

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
   * proposal (the patch file of a queue) and why, on one line.
   */
  void refused(Status status, String name, String reason) {
    String why = reason == null ? "" : reason.lines().findFirst().orElse("").strip();
    out.printf(
        "  %s %s%n",
        status.label(), name == null || why.startsWith(name) ? why : name + ": " + why);
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

  void holdoutDone(boolean parity, String verdict, Double p95Ratio) {
    out.println(
        "hold-out: parity "
            + (parity ? "holds" : "FAILS")
            + ", latency "
            + verdict
            + (p95Ratio == null ? "" : String.format(Locale.ROOT, " (p95 ratio %.3f)", p95Ratio)));
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

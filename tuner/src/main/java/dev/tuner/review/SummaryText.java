package dev.tuner.review;

import dev.tuner.log.LogRecord;
import dev.tuner.log.Stats;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's summary as lines of text: what {@code tuner report} prints and the HTML page
 * repeats.
 */
public final class SummaryText {

  private SummaryText() {}

  /** A heading line naming the run. */
  public static String title(Summary s) {
    LogRecord.Config c = s.segment().config();
    String name = c == null || c.name() == null ? "experiments" : c.name();
    StringBuilder t = new StringBuilder(name).append(" · segment ").append(s.segment().number());
    if (c != null && c.branch() != null) {
      t.append(" · branch ").append(c.branch());
    }
    List<Row> rows = s.segment().rows();
    if (!rows.isEmpty()) {
      String first = rows.get(0).experiment().timestamp();
      String last = rows.get(rows.size() - 1).experiment().timestamp();
      if (first != null && last != null) {
        t.append(" · ").append(first).append(" → ").append(last);
      }
    }
    return t.toString();
  }

  /** The summary's facts, one per line, as label and text. */
  public static List<Map.Entry<String, String>> facts(Summary s) {
    List<Map.Entry<String, String>> facts = new ArrayList<>();
    facts.add(Map.entry("p50", progress(s.p50())));
    facts.add(Map.entry("p95", progress(s.p95())));
    if (s.best() != null && s.baseline() != null) {
      facts.add(
          Map.entry(
              "best",
              s.best() == s.baseline()
                  ? "the baseline (nothing kept)"
                  : "run "
                      + s.best().experiment().run()
                      + " "
                      + s.best().shortCommit()
                      + " "
                      + oneLine(s.best().experiment().description())));
    }
    int total = s.counts().values().stream().mapToInt(Integer::intValue).sum();
    facts.add(
        Map.entry(
            "tries",
            total
                + " ("
                + String.join(
                    ", ",
                    s.counts().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .toList())
                + ")"));
    facts.add(Map.entry("hold-out", holdout(s.holdout())));
    facts.add(
        Map.entry(
            "tokens",
            s.tokensIn() == null
                ? "none reported"
                : String.format(Locale.ROOT, "%,d in, %,d out", s.tokensIn(), s.tokensOut())));
    facts.add(
        Map.entry(
            "cost",
            s.cost() != null
                ? String.format(Locale.ROOT, "$%.2f", s.cost())
                : s.tokensIn() != null
                    ? "unknown (the model has no price; the tokens are above)"
                    : "none reported"));
    facts.add(Map.entry("wall time", wall(s)));
    String perTry = perTry(s);
    if (perTry != null) {
      facts.add(Map.entry("median try", perTry));
    }
    return facts;
  }

  /** The top changes, one line each. */
  public static List<String> top(Summary s) {
    return s.top().stream()
        .map(
            r ->
                String.format(
                    Locale.ROOT,
                    "run %d %s %s %s: %s",
                    r.experiment().run(),
                    r.shortCommit(),
                    r.status(),
                    r.primary().text(),
                    oneLine(r.experiment().description())))
        .toList();
  }

  public static void print(Summary s, PrintWriter out) {
    out.println(title(s));
    for (var fact : facts(s)) {
      out.printf(Locale.ROOT, "  %-10s %s%n", fact.getKey(), fact.getValue());
    }
    List<String> top = top(s);
    out.println(
        "  top "
            + (top.isEmpty()
                ? "changes: none improved the " + s.segment().metricName()
                : top.size() + " by " + s.segment().metricName() + " change:"));
    top.forEach(line -> out.println("    " + line));
    out.flush();
  }

  static String progress(Summary.Progress p) {
    if (p == null) {
      return "not measured";
    }
    StringBuilder t = new StringBuilder(ms(p.from())).append(" → ").append(ms(p.to()));
    if (p.change() == null) {
      t.append(" (nothing kept)");
    } else {
      t.append("  ")
          .append(p.change().text())
          .append(" over ")
          .append(p.steps())
          .append(p.steps() == 1 ? " kept step" : " kept steps");
    }
    return t.toString();
  }

  static String holdout(LogRecord.Holdout h) {
    if (h == null) {
      return "not checked (the run has not finished, or there are no hold-out cases)";
    }
    StringBuilder t = new StringBuilder(h.verdict() == null ? "?" : h.verdict().replace('_', ' '));
    t.append(h.parity() ? "; parity holds" : "; parity FAILS");
    if (h.brokenBy() != null) {
      t.append("; first kept step failing it: run ")
          .append(h.brokenBy().run())
          .append(' ')
          .append(shortCommit(h.brokenBy().commit()));
    }
    if (h.passingBranch() != null && h.lastPassing() != null) {
      t.append("; branch ")
          .append(h.passingBranch())
          .append(" holds the last best passing it (")
          .append(h.lastPassing().run() == 0 ? "the start" : "run " + h.lastPassing().run())
          .append(')');
    }
    if (h.stats() != null) {
      for (String q : List.of("p50", "p95")) {
        Stats st = h.stats().get(q);
        if (st != null) {
          Double lo = st.ci() != null && !st.ci().isEmpty() ? st.ci().get(0) : null;
          Double hi = st.ci() != null && st.ci().size() > 1 ? st.ci().get(1) : null;
          t.append("; ").append(q).append(' ').append(Change.ofRatio(st.ratio(), lo, hi).text());
        }
      }
    }
    return t.toString();
  }

  private static String shortCommit(String c) {
    return c == null ? "-" : c.substring(0, Math.min(7, c.length()));
  }

  static String wall(Summary s) {
    Summary.Stages w = s.wall();
    if (w.total().isEmpty()) {
      return "none reported";
    }
    List<String> parts = new ArrayList<>();
    w.total().forEach((stage, seconds) -> parts.add(stage + " " + duration(seconds)));
    return duration(w.seconds()) + " (" + String.join(", ", parts) + ")";
  }

  /** The median try, stage by stage: where an hour of the loop goes. */
  static String perTry(Summary s) {
    List<String> parts = new ArrayList<>();
    s.wall().median().forEach((stage, seconds) -> parts.add(stage + " " + duration(seconds)));
    if (parts.isEmpty()) {
      return null;
    }
    Double perHour = s.wall().perHour();
    return String.join(", ", parts)
        + (perHour == null
            ? ""
            : String.format(
                Locale.ROOT,
                perHour < 10 ? "; %.1f tries an hour" : "; %.0f tries an hour",
                perHour));
  }

  static String duration(double seconds) {
    return seconds >= 90
        ? String.format(Locale.ROOT, "%.1f min", seconds / 60)
        : String.format(Locale.ROOT, "%.0f s", seconds);
  }

  private static String ms(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.2f ms", v);
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").strip();
  }
}

package dev.tuner.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuner.io.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

// Over 300 lines: one view of the log in its three forms (table, TSV, JSON), which must list the
// same columns.
/** What {@code tuner log} prints: the tries or their groups, as a table, TSV or JSON. */
public final class LogView {

  /** How to print. */
  public enum Format {
    TABLE,
    TSV,
    JSON
  }

  private static final ObjectMapper JSON = Json.pretty();

  private final ReviewLog log;
  private final Format format;
  private final int width;

  public LogView(ReviewLog log, Format format, int width) {
    this.log = log;
    this.format = format;
    this.width = width;
  }

  /** One line per try. */
  public void tries(List<Row> rows, PrintWriter out) throws Exception {
    boolean segments = log.segments().size() > 1;
    List<String> knobs = knobNames(rows);
    switch (format) {
      case JSON -> {
        ArrayNode array = JSON.createArrayNode();
        rows.forEach(r -> array.add(json(r)));
        out.println(JSON.writeValueAsString(array));
      }
      case TSV -> {
        List<String> header =
            new ArrayList<>(
                List.of(
                    "segment",
                    "run",
                    "commit",
                    "status",
                    "phase",
                    "p50_change",
                    "p50_low",
                    "p50_high",
                    "p95_change",
                    "p95_low",
                    "p95_high",
                    "metric"));
        header.addAll(knobs);
        header.add("description");
        out.println(String.join("\t", header));
        for (Row r : rows) {
          var e = r.experiment();
          List<String> cells =
              new ArrayList<>(
                  List.of(
                      String.valueOf(e.segment()),
                      String.valueOf(e.run()),
                      r.shortCommit(),
                      r.status(),
                      dash(e.phase()),
                      number(r.p50() == null ? null : r.p50().percent()),
                      number(r.p50() == null ? null : r.p50().low()),
                      number(r.p50() == null ? null : r.p50().high()),
                      number(r.p95() == null ? null : r.p95().percent()),
                      number(r.p95() == null ? null : r.p95().low()),
                      number(r.p95() == null ? null : r.p95().high()),
                      number(e.metric())));
          knobs.forEach(k -> cells.add(oneLine(knob(r, k))));
          cells.add(oneLine(e.description()));
          out.println(String.join("\t", cells));
        }
      }
      case TABLE -> {
        // Decisions give p50 and p95 changes; logs without them (pi-autoresearch) get the change
        // against the
        // running best of their own metric instead.
        boolean quantiles = rows.stream().anyMatch(r -> r.p50() != null || r.p95() != null);
        boolean plain =
            rows.stream().anyMatch(r -> r.p50() == null && r.p95() == null && r.primary() != null);
        List<String> columns = new ArrayList<>();
        List<Boolean> right = new ArrayList<>();
        column(columns, right, segments, "seg", true);
        column(columns, right, true, "run", true);
        column(columns, right, true, "commit", false);
        column(columns, right, true, "status", false);
        column(columns, right, true, "phase", false);
        column(columns, right, quantiles, "p50 Δ", true);
        column(columns, right, quantiles, "p95 Δ", true);
        column(columns, right, true, "metric", true);
        column(columns, right, plain, "Δ vs best", true);
        knobs.forEach(k -> column(columns, right, true, k, false));
        column(columns, right, true, "description", false);
        boolean[] alignRight = new boolean[right.size()];
        for (int i = 0; i < alignRight.length; i++) {
          alignRight[i] = right.get(i);
        }
        TextTable table = new TextTable(columns, alignRight);
        for (Row r : rows) {
          var e = r.experiment();
          List<String> cells = new ArrayList<>();
          if (segments) {
            cells.add(String.valueOf(e.segment()));
          }
          cells.addAll(
              List.of(String.valueOf(e.run()), r.shortCommit(), r.status(), dash(e.phase())));
          if (quantiles) {
            cells.add(text(r.p50()));
            cells.add(text(r.p95()));
          }
          cells.add(metric(r));
          if (plain) {
            cells.add(r.p50() == null && r.p95() == null ? text(r.primary()) : "");
          }
          knobs.forEach(k -> cells.add(dash(knob(r, k))));
          cells.add(dash(e.description()));
          table.add(cells);
        }
        table.print(out, width);
        out.println();
        out.println(counts(rows));
      }
    }
    out.flush();
  }

  /** One line per group: tries, kept, keep rate, best change of the primary metric. */
  public void groups(List<Row> rows, GroupBy by, PrintWriter out) throws Exception {
    List<Groups.Group> groups = Groups.of(log, rows, by);
    switch (format) {
      case JSON -> {
        ArrayNode array = JSON.createArrayNode();
        for (Groups.Group g : groups) {
          ObjectNode o =
              array
                  .addObject()
                  .put(by.label(), g.key())
                  .put("tries", g.tries())
                  .put("kept", g.kept());
          o.putPOJO("keep_rate", g.keepRate());
          o.set("best", change(g.best()));
        }
        out.println(JSON.writeValueAsString(array));
      }
      case TSV -> {
        out.println(by.label() + "\ttries\tkept\tkeep_rate\tbest_change\tbest_low\tbest_high");
        for (Groups.Group g : groups) {
          Change b = g.best();
          out.println(
              String.join(
                  "\t",
                  oneLine(g.key()),
                  String.valueOf(g.tries()),
                  String.valueOf(g.kept()),
                  number(g.keepRate()),
                  number(b == null ? null : b.percent()),
                  number(b == null ? null : b.low()),
                  number(b == null ? null : b.high())));
        }
      }
      case TABLE -> {
        TextTable table =
            new TextTable(
                List.of(by.label(), "tries", "kept", "keep rate", "best Δ"),
                false,
                true,
                true,
                true,
                false);
        for (Groups.Group g : groups) {
          table.add(
              List.of(
                  g.key(),
                  String.valueOf(g.tries()),
                  String.valueOf(g.kept()),
                  g.keepRate() == null
                      ? "-"
                      : String.format(Locale.ROOT, "%.0f%%", 100 * g.keepRate()),
                  g.best() == null ? "-" : g.best().text()));
        }
        table.print(out, width);
        out.println();
        out.println(counts(rows));
      }
    }
    out.flush();
  }

  /** {@code 10 tries: baseline 1, keep 2, discard 3, …} in the order statuses first appear. */
  static String counts(List<Row> rows) {
    Map<String, Integer> byStatus = new java.util.LinkedHashMap<>();
    rows.forEach(r -> byStatus.merge(r.status(), 1, Integer::sum));
    StringBuilder s = new StringBuilder(rows.size() + (rows.size() == 1 ? " try" : " tries"));
    String sep = ": ";
    for (var e : byStatus.entrySet()) {
      s.append(sep).append(e.getKey()).append(' ').append(e.getValue());
      sep = ", ";
    }
    return s.toString();
  }

  private ObjectNode json(Row r) {
    var e = r.experiment();
    ObjectNode o = JSON.createObjectNode().put("segment", e.segment()).put("run", e.run());
    o.put("commit", e.commit()).put("status", r.status()).put("phase", e.phase());
    o.putPOJO("tags", e.tags() == null ? List.of() : e.tags());
    o.putPOJO("metric", e.metric());
    o.set("p50", change(r.p50()));
    o.set("p95", change(r.p95()));
    o.set("primary", change(r.primary()));
    if (e.knobs() != null) {
      o.putPOJO("knobs", e.knobs());
    }
    o.put("description", e.description()).put("timestamp", e.timestamp());
    if (e.proposer() != null) {
      ObjectNode p =
          o.putObject("proposer")
              .put("kind", e.proposer().kind())
              .put("model", e.proposer().model());
      p.putPOJO("tokens_in", e.proposer().tokensIn());
      p.putPOJO("tokens_out", e.proposer().tokensOut());
      p.putPOJO("cost", e.proposer().cost());
    }
    return o;
  }

  private static ObjectNode change(Change c) {
    if (c == null) {
      return null;
    }
    ObjectNode o = JSON.createObjectNode().put("percent", round(c.percent()));
    o.putPOJO("low", c.low() == null ? null : round(c.low()));
    o.putPOJO("high", c.high() == null ? null : round(c.high()));
    return o;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static void column(
      List<String> columns, List<Boolean> right, boolean shown, String name, boolean num) {
    if (shown) {
      columns.add(name);
      right.add(num);
    }
  }

  private static String metric(Row r) {
    if (r.failed()) {
      return "-";
    }
    Double m = r.experiment().metric();
    return m == null || m.isNaN() ? "-" : String.format(Locale.ROOT, "%.2f", m);
  }

  /**
   * The knobs the tries carry, in the order they first appear: a column each, so the table shows
   * the path a knob search took and where each try stood.
   */
  private static List<String> knobNames(List<Row> rows) {
    Set<String> names = new LinkedHashSet<>();
    rows.forEach(
        r -> {
          if (r.experiment().knobs() != null) {
            names.addAll(r.experiment().knobs().keySet());
          }
        });
    return List.copyOf(names);
  }

  private static String knob(Row r, String name) {
    Map<String, String> knobs = r.experiment().knobs();
    return knobs == null ? null : knobs.get(name);
  }

  private static String text(Change c) {
    return c == null ? "-" : c.text();
  }

  private static String dash(String s) {
    return s == null || s.isBlank() ? "-" : s;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("[\\t\\r\\n]+", " ");
  }

  private static String number(Double v) {
    return v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.3f", v);
  }
}

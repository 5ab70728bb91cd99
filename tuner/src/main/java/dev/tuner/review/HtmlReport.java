package dev.tuner.review;

import dev.tuner.log.Asi;
import dev.tuner.log.LogRecord;
import dev.tuner.log.WallTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The report as one self-contained HTML page: the summary, the chart (a PNG in a {@code data:}
 * URI), the table of tries, and each try's hypothesis, asi and diff stats. No script, no external
 * resource (a Content-Security-Policy forbids both), and every text from the log is escaped, so a
 * description cannot inject markup.
 */
public final class HtmlReport {

  private static final String CSS =
      """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1d2330;
        margin:0;background:#f5f6f8}
      main{max-width:1200px;margin:0 auto;padding:24px 28px 48px}
      h1{font-size:22px;margin:0 0 4px}
      .sub{color:#5b6475;margin:0 0 20px}
      h2{font-size:17px;margin:28px 0 10px}
      .card{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:16px 20px}
      dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:6px 18px;margin:0}
      dl.facts dt{color:#5b6475;font-weight:600}
      dl.facts dd{margin:0}
      figure{margin:0}
      figure img{width:100%;height:auto;display:block}
      table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}
      th,td{border-bottom:1px solid #e3e6ec;padding:6px 8px;text-align:left;vertical-align:top}
      th{background:#eef1f5;font-weight:600}
      td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      code{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12px}
      .st{display:inline-block;border-radius:10px;padding:1px 8px;font-size:12px;font-weight:600;color:#fff;
        background:#8a93a3}
      .st-keep,.st-explore{background:#1a9e4b}.st-baseline{background:#333}.st-discard{background:#9a9a9a}
      .st-fail{background:#d62d20}
      details{background:#fff;border:1px solid #dde1e8;border-radius:8px;margin:8px 0;padding:8px 14px}
      summary{cursor:pointer;font-weight:600}
      pre{white-space:pre-wrap;word-break:break-word;background:#f3f4f7;padding:8px;border-radius:6px;
        max-height:320px;overflow:auto;font-size:12px}
      ol{margin:6px 0 0 0;padding-left:22px}
      section.flame{padding:8px;margin:0 0 12px;overflow-x:auto}
      section.flame svg{width:100%;height:auto;display:block}
      """;

  private HtmlReport() {}

  /** The page for one segment; {@code chartPng} may be null when nothing was measured. */
  public static byte[] render(Summary summary, byte[] chartPng) throws IOException {
    return render(summary, chartPng, Flames.NONE);
  }

  /**
   * The page with the run's flame graphs (inline SVG, a title per frame for hovering), when its
   * profiles were kept.
   */
  public static byte[] render(Summary summary, byte[] chartPng, Flames flames) throws IOException {
    ReviewLog.Segment segment = summary.segment();
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:;"
                + " style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(esc("tuner report — " + SummaryText.title(summary)))
        .append("</title>\n")
        .append("<style>")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n<main>\n");
    LogRecord.Config c = segment.config();
    h.append("<h1>")
        .append(esc(c == null || c.name() == null ? "Experiment log" : c.name()))
        .append("</h1>\n");
    h.append("<p class=\"sub\">").append(esc(SummaryText.title(summary))).append("</p>\n");

    h.append("<section class=\"card\">\n<dl class=\"facts\">\n");
    for (var fact : SummaryText.facts(summary)) {
      h.append("<dt>")
          .append(esc(fact.getKey()))
          .append("</dt><dd>")
          .append(esc(fact.getValue()))
          .append("</dd>\n");
    }
    List<String> top = SummaryText.top(summary);
    h.append("<dt>top changes</dt><dd>");
    if (top.isEmpty()) {
      h.append("none improved the ").append(esc(segment.metricName()));
    } else {
      h.append("<ol>");
      top.forEach(t -> h.append("<li>").append(esc(t)).append("</li>"));
      h.append("</ol>");
    }
    h.append("</dd>\n</dl>\n</section>\n");

    if (chartPng != null) {
      h.append("<h2>")
          .append(esc(segment.metricName()))
          .append(" over runs</h2>\n<section class=\"card\"><figure>")
          .append("<img alt=\"")
          .append(
              esc(
                  segment.metricName()
                      + " over runs: running best, kept, discarded and"
                      + " failed tries, each benchmarked try with its interval"))
          .append("\" src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(chartPng))
          .append("\"></figure></section>\n");
    }

    if (flames.any()) {
      h.append("<h2>Where the time goes</h2>\n<p class=\"sub\">JDK Flight Recorder profiles of the")
          .append(" tune cases under replay, in JVMs of their own (")
          .append(esc(flames.caption()))
          .append("). Hover a frame for its share.</p>\n");
      flame(h, flames.cpuSvg());
      flame(h, flames.diffSvg());
      flame(h, flames.allocSvg());
    }

    h.append(
            "<h2>Tries</h2>\n<table>\n<thead><tr><th>run</th><th>commit</th><th>status</th><th>phase</th>")
        .append("<th>p50 Δ</th><th>p95 Δ</th><th>")
        .append(esc(segment.metricName()))
        .append("</th><th>diff</th><th>description</th></tr></thead>\n<tbody>\n");
    for (Row r : segment.rows()) {
      var e = r.experiment();
      h.append("<tr><td class=\"num\"><a href=\"#run-")
          .append(e.run())
          .append("\">")
          .append(e.run())
          .append("</a></td><td><code>")
          .append(esc(r.shortCommit()))
          .append("</code></td><td>")
          .append(badge(r))
          .append("</td><td>")
          .append(esc(dash(e.phase())))
          .append("</td><td class=\"num\">")
          .append(esc(r.p50() == null ? "-" : r.p50().text()))
          .append("</td><td class=\"num\">")
          .append(esc(r.p95() == null ? "-" : r.p95().text()))
          .append("</td><td class=\"num\">")
          .append(
              esc(
                  e.metric() == null || e.metric().isNaN()
                      ? "-"
                      : String.format(Locale.ROOT, "%.2f", e.metric())))
          .append("</td><td class=\"num\">")
          .append(esc(diff(e)))
          .append("</td><td>")
          .append(esc(dash(e.description())))
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");

    h.append("<h2>Each try</h2>\n");
    for (Row r : segment.rows()) {
      details(h, r);
    }
    h.append("</main>\n</body>\n</html>\n");
    return h.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A flame graph, inline: no script, the SVG's own titles give the hover text. */
  private static void flame(StringBuilder h, String svg) {
    if (svg != null) {
      h.append("<section class=\"card flame\">").append(svg).append("</section>\n");
    }
  }

  private static void details(StringBuilder h, Row r) {
    var e = r.experiment();
    h.append("<details id=\"run-")
        .append(e.run())
        .append("\"")
        .append(r.baseline() ? "" : " open")
        .append(">")
        .append("<summary>run ")
        .append(e.run())
        .append(" · ")
        .append(esc(r.status()))
        .append(" · <code>")
        .append(esc(r.shortCommit()))
        .append("</code> · ")
        .append(esc(dash(e.description())))
        .append("</summary>\n")
        .append("<dl class=\"facts\">\n");
    Asi asi = e.asi();
    fact(h, "hypothesis", asi == null ? null : asi.hypothesis());
    fact(h, "expectation", e.expectation());
    fact(h, "tags", e.tags() == null || e.tags().isEmpty() ? null : String.join(", ", e.tags()));
    fact(
        h,
        "change",
        r.primary() == null
            ? null
            : r.primary().text()
                + " "
                + "("
                + "p50 "
                + (r.p50() == null ? "-" : r.p50().text())
                + ", p95 "
                + (r.p95() == null ? "-" : r.p95().text())
                + ")");
    fact(h, "why rolled back", asi == null ? null : asi.rollbackReason());
    fact(h, "next time", asi == null ? null : asi.nextActionHint());
    if (e.diff() != null) {
      fact(
          h,
          "diff",
          diff(e)
              + (e.diff().files() == null || e.diff().files().isEmpty()
                  ? ""
                  : " in " + String.join(", ", e.diff().files())));
    }
    if (e.proposer() != null) {
      var p = e.proposer();
      fact(
          h,
          "proposer",
          dash(p.kind())
              + (p.model() == null ? "" : " · " + p.model())
              + (p.tokensIn() == null
                  ? ""
                  : " · tokens " + p.tokensIn() + " in, " + p.tokensOut() + " out")
              + (p.cost() == null ? "" : String.format(Locale.ROOT, " · $%.4f", p.cost())));
    }
    fact(h, "wall time", wall(e.wallS()));
    if (e.knobs() != null && !e.knobs().isEmpty()) {
      fact(h, "knobs", e.knobs().toString());
    }
    fact(h, "logged", e.timestamp());
    h.append("</dl>\n");
    if (asi != null && asi.error() != null && !asi.error().isBlank()) {
      h.append("<pre>").append(esc(asi.error())).append("</pre>\n");
    }
    h.append("</details>\n");
  }

  private static void fact(StringBuilder h, String label, String value) {
    if (value != null && !value.isBlank()) {
      h.append("<dt>").append(esc(label)).append("</dt><dd>").append(esc(value)).append("</dd>\n");
    }
  }

  private static String badge(Row r) {
    String kind = r.failed() ? "fail" : r.status().replaceAll("[^a-z_]", "");
    return "<span class=\"st st-" + kind + "\">" + esc(r.status()) + "</span>";
  }

  private static String diff(LogRecord.Experiment e) {
    if (e.diff() == null) {
      return "-";
    }
    int files = e.diff().files() == null ? 0 : e.diff().files().size();
    return files
        + (files == 1 ? " file" : " files")
        + " +"
        + e.diff().added()
        + " −"
        + e.diff().removed();
  }

  private static String wall(WallTime w) {
    if (w == null || w.stages().isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    w.stages().forEach((stage, seconds) -> parts.add(stage + " " + SummaryText.duration(seconds)));
    return String.join(", ", parts);
  }

  private static String dash(String s) {
    return s == null || s.isBlank() ? "-" : s;
  }

  /** Escapes text for HTML element content and double- or single-quoted attribute values. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }
}

package dev.tuner.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuner.decide.Aggregate;
import dev.tuner.decide.Assessment;
import dev.tuner.decide.CaseFork;
import dev.tuner.decide.Comparison;
import dev.tuner.decide.ForkSummary;
import dev.tuner.io.Json;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.apache.commons.statistics.descriptive.Median;

/** Prints an {@link CompareOutcome} like benchstat, and writes it as JSON. */
public final class CompareReport {

  private static final ObjectMapper JSON = Json.mapper();

  private final AbComparison.Build a;
  private final AbComparison.Build b;
  private final CompareOutcome outcome;
  private final List<ForkSummary> forksA;
  private final List<ForkSummary> forksB;

  public CompareReport(AbComparison.Build a, AbComparison.Build b, CompareOutcome outcome) {
    this.a = a;
    this.b = b;
    this.outcome = outcome;
    List<Replicate> used = outcome.replicates().subList(0, outcome.look());
    this.forksA = used.stream().map(Replicate::a).toList();
    this.forksB = used.stream().map(Replicate::b).toList();
  }

  /**
   * The table: aggregates first, then each case; then allocation and calls side by side; then the
   * decision.
   */
  public void print(PrintWriter out) {
    Assessment e = outcome.assessment();
    String unit =
        outcome.design() == dev.tuner.spec.BenchmarkSpec.Design.INTERLEAVED ? "rounds" : "forks";
    out.printf(
        Locale.ROOT,
        "A = %s, B = %s: %s design, %d %s per side, %.0f s%s%n",
        a.label(),
        b.label(),
        outcome.design().label(),
        outcome.look(),
        unit,
        outcome.seconds(),
        outcome.warmupSeconds() > 0 ? " (" + warmup() + ")" : "");
    int width = 8 + outcome.sides().stream().mapToInt(s -> s.caseId().length()).max().orElse(10);
    String format = "%-" + width + "s %11s %11s %8s  %-18s %9s  %s%n";
    out.printf(
        Locale.ROOT,
        format,
        "metric",
        "A",
        "B",
        "B/A",
        confidenceLabel(e.p50().confidence()),
        "p",
        "verdict");
    row(
        out,
        format,
        e.p50(),
        "p50 (geomean)",
        Aggregate.geometricMeans(forksA, CaseFork::p50),
        Aggregate.geometricMeans(forksB, CaseFork::p50),
        Format::millis,
        " ms");
    row(
        out,
        format,
        e.p95(),
        "p95 (geomean)",
        Aggregate.geometricMeans(forksA, CaseFork::p95),
        Aggregate.geometricMeans(forksB, CaseFork::p95),
        Format::millis,
        " ms");
    row(
        out,
        format,
        e.alloc(),
        "B/op (geomean)",
        Aggregate.geometricMeans(forksA, CaseFork::allocBytesPerOp),
        Aggregate.geometricMeans(forksB, CaseFork::allocBytesPerOp),
        Format::bytes,
        "");
    for (Comparison c : e.perCase()) {
      String[] parts = c.metric().split(":", 2);
      ToDoubleFunction<CaseFork> metric = parts[0].equals("p50") ? CaseFork::p50 : CaseFork::p95;
      row(
          out,
          format,
          c,
          parts[0] + " " + parts[1],
          Aggregate.ofCase(forksA, parts[1], metric),
          Aggregate.ofCase(forksB, parts[1], metric),
          Format::millis,
          " ms");
    }
    out.println();
    String sideFormat = "%-" + width + "s %11s %11s  %s%n";
    out.printf(Locale.ROOT, sideFormat, "case", "B/op A", "B/op B", "calls/op A | B");
    for (CompareOutcome.CaseSides s : outcome.sides()) {
      String calls =
          s.callsA().equals(s.callsB())
              ? Format.calls(s.callsA()) + " | same"
              : Format.calls(s.callsA()) + " | " + Format.calls(s.callsB());
      out.printf(
          Locale.ROOT,
          sideFormat,
          s.caseId(),
          Format.bytes(s.allocBytesA()),
          Format.bytes(s.allocBytesB()),
          calls);
    }
    out.println();
    out.printf(
        Locale.ROOT,
        "decision: %s at %d %s: %s%n",
        outcome.keep() ? "keep B" : "keep A (discard B)",
        outcome.look(),
        unit,
        e.reason());
    out.flush();
  }

  private static void row(
      PrintWriter out,
      String format,
      Comparison c,
      String name,
      double[] a,
      double[] b,
      java.util.function.DoubleFunction<String> fmt,
      String suffix) {
    out.printf(
        Locale.ROOT,
        format,
        name,
        fmt.apply(median(a)) + suffix,
        fmt.apply(median(b)) + suffix,
        String.format(Locale.ROOT, "%.4f", c.ratio()),
        String.format(Locale.ROOT, "[%s, %s]", bound(c.ciLow()), bound(c.ciHigh())),
        String.format(Locale.ROOT, "%.3g", c.pValue()),
        c.verdict().label());
  }

  private static String bound(double v) {
    return Double.isInfinite(v) ? (v > 0 ? "+inf" : "-inf") : String.format(Locale.ROOT, "%.4f", v);
  }

  private static double median(double[] values) {
    return Median.withDefaults().evaluate(values.clone());
  }

  /** How long warm-up took and how it ended, in words. */
  private String warmup() {
    return String.format(
        Locale.ROOT,
        "warm-up %.0f s%s, %s; measuring %.0f s",
        outcome.warmupSeconds(),
        outcome.jvms() > 2 ? " in " + outcome.jvms() / 2 + " pairs of JVMs" : "",
        outcome.steady() ? "steady" : "to its cap",
        outcome.measureSeconds());
  }

  /**
   * Per metric ratio, ci, p_value, verdict and forks; B/op and calls/op side by side; the decision;
   * the raw replicates.
   */
  public ObjectNode json() {
    Assessment e = outcome.assessment();
    ObjectNode root = JSON.createObjectNode();
    root.putObject("a").put("label", a.label()).put("classpath", a.classpath().toString());
    root.putObject("b").put("label", b.label()).put("classpath", b.classpath().toString());
    root.put("design", outcome.design().label());
    root.put("decision", outcome.keep() ? "keep" : "discard");
    root.put("reason", e.reason());
    root.put("look", outcome.look());
    root.put("seconds", outcome.seconds());
    if (outcome.warmupSeconds() > 0) {
      root.put("warmup_seconds", outcome.warmupSeconds());
      root.put("warmup", outcome.steady() ? "steady" : "capped");
      root.put("jvms", outcome.jvms());
    }
    ObjectNode metrics = root.putObject("metrics");
    List<Comparison> all = new ArrayList<>(List.of(e.p50(), e.p95(), e.alloc()));
    all.addAll(e.perCase());
    for (Comparison c : all) {
      ObjectNode m = metrics.putObject(c.metric());
      m.put("ratio", c.ratio());
      ArrayNode ci = m.putArray("ci");
      ci.add(finite(c.ciLow()));
      ci.add(finite(c.ciHigh()));
      m.put("confidence", c.confidence());
      m.put("p_value", c.pValue());
      m.put("verdict", c.verdict().label());
      m.putObject("forks").put("a", c.forksA()).put("b", c.forksB());
    }
    ArrayNode sides = root.putArray("cases");
    for (CompareOutcome.CaseSides s : outcome.sides()) {
      ObjectNode c = sides.addObject();
      c.put("case", s.caseId());
      c.putObject("alloc_bytes_per_op").put("a", s.allocBytesA()).put("b", s.allocBytesB());
      ObjectNode calls = c.putObject("calls_per_op");
      calls.set("a", JSON.valueToTree(s.callsA()));
      calls.set("b", JSON.valueToTree(s.callsB()));
    }
    ArrayNode raw = root.putArray("replicates");
    for (Replicate r : outcome.replicates()) {
      ObjectNode n = raw.addObject();
      n.put("index", r.index());
      n.put("end_seconds", r.endSeconds());
      n.set("a", JSON.valueToTree(r.a().cases()));
      n.set("b", JSON.valueToTree(r.b().cases()));
    }
    return root;
  }

  /** JSON has no infinity: an unbounded side of an interval is null. */
  private static Double finite(double v) {
    return Double.isInfinite(v) ? null : v;
  }

  /** "99% CI", "99.55% CI": a look's share of α is rarely a round number. */
  private static String confidenceLabel(double confidence) {
    return new BigDecimal(100 * confidence)
            .setScale(2, RoundingMode.HALF_UP)
            .stripTrailingZeros()
            .toPlainString()
        + "% CI";
  }
}

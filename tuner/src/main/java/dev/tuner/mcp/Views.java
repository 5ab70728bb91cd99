package dev.tuner.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuner.harness.spec.Split;
import dev.tuner.io.Json;
import dev.tuner.log.ExperimentLog;
import dev.tuner.log.LogRecord;
import dev.tuner.log.Stats;
import dev.tuner.log.Status;
import dev.tuner.loop.LoopOptions;
import dev.tuner.review.GroupBy;
import dev.tuner.review.LogView;
import dev.tuner.review.ReviewLog;
import dev.tuner.review.Row;
import dev.tuner.review.Summary;
import dev.tuner.review.SummaryText;
import dev.tuner.spec.BenchmarkSpec;
import dev.tuner.spec.TunerSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the read-only tools answer, as data: the run's state read back from the log (as {@code
 * --resume} reads it), and {@code tuner log} / {@code tuner report}'s own views.
 */
final class Views {

  private static final ObjectMapper JSON = Json.mapper();
  private static final int LAST_TRIES = 10;

  private Views() {}

  /** A log record as the log writes it (snake_case), as a tree. */
  static ObjectNode record(LogRecord r) {
    try {
      return (ObjectNode) JSON.readTree(ExperimentLog.toLine(r));
    } catch (IOException e) {
      throw new IllegalStateException("a record always reads back", e);
    }
  }

  static Map<String, Object> map(JsonNode node) {
    return JSON.convertValue(node, new TypeReference<Map<String, Object>>() {});
  }

  /** The records of the log's last run: its config first. */
  static List<LogRecord> lastRun(ExperimentLog log) throws IOException {
    List<LogRecord> all = log.read(new PrintWriter(new StringWriter()));
    int segment =
        all.stream()
            .filter(r -> r instanceof LogRecord.Config)
            .mapToInt(r -> ((LogRecord.Config) r).segment())
            .max()
            .orElse(-1);
    List<LogRecord> out = new ArrayList<>();
    for (LogRecord r : all) {
      int s =
          r instanceof LogRecord.Config c
              ? c.segment()
              : r instanceof LogRecord.Experiment e
                  ? e.segment()
                  : r instanceof LogRecord.Holdout h ? h.segment() : -2;
      if (s == segment) {
        out.add(r);
      }
    }
    return out;
  }

  static List<LogRecord.Experiment> experiments(List<LogRecord> records) {
    return records.stream()
        .filter(r -> r instanceof LogRecord.Experiment)
        .map(r -> (LogRecord.Experiment) r)
        .toList();
  }

  /** The last try that became the best: the baseline when nothing was kept; null before it. */
  static LogRecord.Experiment best(List<LogRecord.Experiment> tries) {
    LogRecord.Experiment best = null;
    for (LogRecord.Experiment e : tries) {
      if (e.status().advancesBest()) {
        best = e;
      }
    }
    return best;
  }

  /** {@code status}: objective, constraints, the best, the budget, the last tries, the ideas. */
  static ObjectNode status(Session session) throws IOException {
    TunerSpec spec = session.spec();
    Session.Run run = session.run();
    List<LogRecord> records = lastRun(session.log());
    List<LogRecord.Experiment> tries = experiments(records);
    ObjectNode out = JSON.createObjectNode();
    out.put("objective", spec.objective() == null ? null : spec.objective().strip());
    ObjectNode metric = out.putObject("metric");
    metric.put("primary", spec.metric().primaryName());
    metric.put("direction", "lower");
    metric.put("threshold", spec.metric().threshold());
    BenchmarkSpec.Compare rule = spec.benchmark().compare();
    metric.put(
        "keep_rule",
        "kept only if "
            + rule.criterion().keepsWhen(spec.metric().threshold(), rule.tailMargin())
            + " against the best, each proven at alpha "
            + rule.alpha()
            + ", and allocation does not grow; parity and call contracts must hold");
    ObjectNode scope = out.putObject("scope");
    scope.set("include", JSON.valueToTree(spec.scope().include()));
    scope.set("frozen", JSON.valueToTree(spec.scope().frozen()));
    scope.put("always_frozen", "fixtures, goldens and tuner.yaml");
    out.set("contracts", JSON.valueToTree(spec.contracts() == null ? Map.of() : spec.contracts()));
    ObjectNode cases = out.putObject("cases");
    cases.set("tune", JSON.valueToTree(session.cases(Split.TUNE)));
    cases.put("holdout", session.cases(Split.HOLDOUT).size());
    ObjectNode r = out.putObject("run");
    r.put("open", run != null && !run.outcome().isDone());
    LogRecord.Config config =
        records.isEmpty() || !(records.get(0) instanceof LogRecord.Config c) ? null : c;
    if (config != null) {
      r.put("branch", config.branch());
      r.put("base", config.base());
      r.put("segment", config.segment());
    }
    LogRecord.Experiment best = best(tries);
    if (best != null) {
      ObjectNode b = out.putObject("best");
      b.put("run", best.run());
      b.put("commit", best.commit());
      b.put("description", best.description());
      b.set("metrics_ms", JSON.valueToTree(best.metrics()));
      b.put("alloc_bytes_per_op", best.allocBytesPerOp());
      b.set("calls", JSON.valueToTree(best.calls()));
      double chained = 1;
      for (LogRecord.Experiment e : tries) {
        Stats s = e.status() == Status.KEEP && e.stats() != null ? e.stats().get("p95") : null;
        chained *= s == null ? 1 : s.ratio();
      }
      b.put("p95_vs_baseline", chained);
    }
    LoopOptions options = run == null ? null : run.options();
    ObjectNode budget = out.putObject("budget");
    int used = (int) tries.stream().filter(e -> e.status() != Status.BASELINE).count();
    budget.put("experiments_used", used);
    int max = options == null ? spec.optimize().maxExperiments() : options.maxExperiments();
    budget.put("max_experiments", max);
    budget.put("experiments_left", Math.max(0, max - used));
    if (options != null && options.maxWall() != null) {
      budget.put("max_minutes", options.maxWall().toMinutes());
    }
    if (options != null && options.maxCostUsd() != null) {
      budget.put("max_cost_usd", options.maxCostUsd());
    }
    double cost =
        tries.stream()
            .mapToDouble(
                e -> e.proposer() == null || e.proposer().cost() == null ? 0 : e.proposer().cost())
            .sum();
    budget.put("cost_usd", cost);
    ArrayNode last = out.putArray("last_tries");
    for (LogRecord.Experiment e :
        tries.subList(Math.max(0, tries.size() - LAST_TRIES), tries.size())) {
      ObjectNode t = last.addObject();
      t.put("run", e.run());
      t.put("status", e.status().label());
      t.put("description", e.description());
      t.put("commit", e.commit());
      if (e.stats() != null) {
        e.stats().forEach((k, s) -> t.put(k + "_ratio", s.ratio()));
      }
      if (e.asi() != null) {
        t.set("asi", record(e).get("asi"));
      }
    }
    ArrayNode ideas = out.putArray("ideas");
    if (Files.exists(session.ideasFile())) {
      Files.readAllLines(session.ideasFile()).stream()
          .filter(l -> !l.isBlank())
          .forEach(ideas::add);
    }
    return out;
  }

  static String statusText(ObjectNode s) {
    StringBuilder t = new StringBuilder();
    JsonNode run = s.get("run");
    t.append(run.path("open").asBoolean() ? "run open on " : "no run open; last: ")
        .append(run.path("branch").asText("none"))
        .append('\n');
    JsonNode best = s.get("best");
    if (best != null) {
      t.append("best: run ")
          .append(best.path("run").asInt())
          .append(' ')
          .append(
              best.path("commit")
                  .asText("")
                  .substring(0, Math.min(12, best.path("commit").asText("").length())))
          .append(" (")
          .append(best.path("description").asText(""))
          .append(
              String.format(
                  Locale.ROOT,
                  "), p95 x%.3f of the baseline",
                  best.path("p95_vs_baseline").asDouble(1)))
          .append('\n');
    }
    JsonNode b = s.get("budget");
    t.append("budget: ")
        .append(b.path("experiments_used").asInt())
        .append(" of ")
        .append(b.path("max_experiments").asInt())
        .append(" experiments used\n");
    for (JsonNode e : s.get("last_tries")) {
      t.append("  run ")
          .append(e.path("run").asInt())
          .append(' ')
          .append(e.path("status").asText())
          .append(": ")
          .append(e.path("description").asText(""))
          .append('\n');
    }
    return t.toString();
  }

  /** {@code log}: {@code tuner log --json}'s rows, or its groups. */
  static JsonNode log(Session session, Set<String> statuses, Integer last, String groupBy)
      throws Exception {
    ReviewLog log = ReviewLog.read(session.log().file(), new PrintWriter(new StringWriter()));
    List<Row> rows =
        log.rows().stream()
            .filter(r -> statuses == null || statuses.isEmpty() || statuses.contains(r.status()))
            .toList();
    if (last != null && rows.size() > last) {
      rows = rows.subList(rows.size() - last, rows.size());
    }
    StringWriter out = new StringWriter();
    LogView view = new LogView(log, LogView.Format.JSON, 200);
    if (groupBy != null) {
      view.groups(rows, GroupBy.parse(groupBy), new PrintWriter(out));
    } else {
      view.tries(rows, new PrintWriter(out));
    }
    return JSON.readTree(out.toString());
  }

  /** {@code report}: {@code tuner report}'s summary of the last run, as facts and as its text. */
  static ObjectNode report(Session session) throws Exception {
    ReviewLog log = ReviewLog.read(session.log().file(), new PrintWriter(new StringWriter()));
    ReviewLog.Segment segment =
        log.segment(null)
            .orElseThrow(() -> new ToolFailure("the log has no run yet: call start first"));
    Summary summary = Summary.of(segment);
    ObjectNode out = JSON.createObjectNode();
    out.put("title", SummaryText.title(summary));
    ObjectNode facts = out.putObject("facts");
    SummaryText.facts(summary).forEach(f -> facts.put(f.getKey(), f.getValue()));
    out.set("counts", JSON.valueToTree(summary.counts()));
    out.set("top", JSON.valueToTree(SummaryText.top(summary)));
    if (summary.holdout() != null) {
      out.set("holdout", record(summary.holdout()));
    }
    StringWriter text = new StringWriter();
    SummaryText.print(summary, new PrintWriter(text));
    out.put("text", text.toString());
    return out;
  }
}

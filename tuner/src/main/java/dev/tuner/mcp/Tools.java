package dev.tuner.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuner.harness.spec.Split;
import dev.tuner.io.Json;
import dev.tuner.log.LogRecord;
import dev.tuner.log.Stats;
import dev.tuner.loop.HoldoutFailedException;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tools {@code tuner mcp} serves, their JSON schemas, and how each call maps onto the {@link
 * Session}. Every result is structured JSON with a short text for the agent; a call that cannot be
 * carried out is a tool error whose text says why (MCP's {@code isError}), so the agent can correct
 * itself.
 */
final class Tools {

  private final Session session;
  private final McpJsonMapper mapper;

  Tools(Session session, McpJsonMapper mapper) {
    this.session = session;
    this.mapper = mapper;
  }

  /** A tool's body: its arguments (checked against its schema's properties) → its result. */
  @FunctionalInterface
  private interface Body {
    Result call(Arguments args, String client, Progress progress) throws Exception;
  }

  /** What a tool answers: data, and a line or two for the agent to read. */
  private record Result(JsonNode data, String text) {}

  List<SyncToolSpecification> all() {
    return List.of(
        tool(
            "start",
            Schemas.START,
            "Open a run (branch tuner/<tag>, lock, baseline) or resume"
                + " the last one; returns once the baseline is measured.",
            this::start),
        tool(
            "status",
            Schemas.EMPTY,
            "The objective, metric and keep rule, scope and frozen files,"
                + " contracts, the current best and its numbers, budget used and left, the last tries"
                + " with their status and asi, the ideas backlog.",
            this::status),
        tool(
            "evaluate",
            Schemas.EVALUATE,
            "Try one proposal through the whole gate, exactly as"
                + " tuner optimize does: scope, commit, build, parity, A/B benchmark against the best,"
                + " keep or reset, log. Give a unified diff against the current best, or search/replace"
                + " edits. Returns the status, ratios with intervals, calls, B/op, asi and the best.",
            this::evaluate),
        tool(
            "profile",
            Schemas.EMPTY,
            "The current best's hottest frames per case (a short"
                + " profiling run, cached per best): where the time goes.",
            this::profile),
        tool(
            "log",
            Schemas.LOG,
            "The run's tries as tuner log --json shows them, or grouped.",
            this::log),
        tool(
            "report",
            Schemas.EMPTY,
            "tuner report's summary of the last run: baseline to best,"
                + " tries per status, the top tries, the hold-out check.",
            this::report),
        tool(
            "add_idea",
            Schemas.ADD_IDEA,
            "Park an idea that breaks the current constraints (in"
                + " .tuner/ideas.md, shown by status).",
            this::addIdea),
        tool(
            "stop",
            Schemas.EMPTY,
            "End the run: check the best on the hold-out cases, put the"
                + " user's branch back, release the lock; returns the outcome and the report.",
            this::stop));
  }

  private SyncToolSpecification tool(String name, String schema, String description, Body body) {
    Set<String> known = new HashSet<>();
    try {
      Iterator<String> names = Json.mapper().readTree(schema).path("properties").fieldNames();
      names.forEachRemaining(known::add);
    } catch (IOException e) {
      throw new IllegalStateException("the " + name + " schema is not JSON", e);
    }
    McpSchema.Tool tool =
        McpSchema.Tool.builder()
            .name(name)
            .description(description)
            .inputSchema(mapper, schema)
            .build();
    return SyncToolSpecification.builder()
        .tool(tool)
        .callHandler((exchange, request) -> call(name, known, body, exchange, request))
        .build();
  }

  private McpSchema.CallToolResult call(
      String name,
      Set<String> known,
      Body body,
      McpSyncServerExchange exchange,
      McpSchema.CallToolRequest request) {
    try {
      Arguments args = new Arguments(name, request.arguments()).only(known);
      Result r = body.call(args, client(exchange), progress(exchange, request));
      return McpSchema.CallToolResult.builder()
          .structuredContent(Views.map(r.data()))
          .addTextContent(r.text())
          .isError(false)
          .build();
    } catch (BadArguments | ToolFailure e) {
      return failure(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failure(name + " was interrupted: the server is shutting down");
    } catch (Exception e) {
      return failure(name + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }
  }

  private static McpSchema.CallToolResult failure(String message) {
    return McpSchema.CallToolResult.builder()
        .structuredContent(Map.of("error", message))
        .addTextContent(message)
        .isError(true)
        .build();
  }

  /** The client as it introduced itself: {@code name version}. */
  private static String client(McpSyncServerExchange exchange) {
    McpSchema.Implementation info = exchange.getClientInfo();
    if (info == null) {
      return null;
    }
    return info.version() == null ? info.name() : info.name() + " " + info.version();
  }

  /**
   * Progress notifications for this call, when the client gave a progress token; a client gone away
   * must not fail the try, so a failed send is dropped.
   */
  private static Progress progress(McpSyncServerExchange exchange, McpSchema.CallToolRequest req) {
    Object token = req.meta() == null ? null : req.meta().get("progressToken");
    if (token == null) {
      return Progress.NONE;
    }
    AtomicLong step = new AtomicLong();
    return message -> {
      try {
        exchange.progressNotification(
            new McpSchema.ProgressNotification(
                token, (double) step.incrementAndGet(), null, message));
      } catch (RuntimeException e) {
        // the client is gone or slow: the run goes on, and the log holds everything
      }
    };
  }

  private Result start(Arguments a, String client, Progress progress) throws Exception {
    Long max = a.count("max_experiments");
    Long minutes = a.count("max_minutes");
    Long plateau = a.count("plateau");
    if (minutes != null && minutes == 0) {
      throw new BadArguments("start: max_minutes must be 1 or more");
    }
    if (plateau != null && plateau == 0) {
      throw new BadArguments("start: plateau must be 1 or more");
    }
    String tag = a.string("tag");
    if (tag != null && !tag.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new BadArguments(
          "start: tag '" + tag + "' must be 1 to 64 letters, digits, dots, dashes or underscores");
    }
    Session.Run run =
        session.start(
            tag,
            a.flag("resume"),
            new Session.Budget(
                max == null ? null : Math.toIntExact(max),
                minutes == null ? null : Math.toIntExact(minutes),
                a.decimal("max_cost_usd"),
                plateau == null ? null : Math.toIntExact(plateau)),
            progress);
    ObjectNode status = Views.status(session);
    status.put("tag", run.tag());
    if (run.outcome().isDone()) {
      String reason = run.outcome().join().stopReason();
      status.put("ended", reason);
      return new Result(
          status,
          "the run on tuner/"
              + run.tag()
              + " ended at once: "
              + reason
              + "; call stop for its result\n"
              + Views.statusText(status));
    }
    return new Result(
        status, "run started on tuner/" + run.tag() + "\n" + Views.statusText(status));
  }

  private Result status(Arguments a, String client, Progress progress) throws Exception {
    ObjectNode status = Views.status(session);
    return new Result(status, Views.statusText(status));
  }

  private Result evaluate(Arguments a, String client, Progress progress) throws Exception {
    Submission s = Submission.of(a, client);
    LogRecord.Experiment e = session.evaluate(s, progress);
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("status", e.status().label());
    out.put("kept", e.status().advancesBest());
    out.put("run", e.run());
    out.put("commit", e.commit());
    LogRecord.Experiment best = Views.best(Views.experiments(Views.lastRun(session.log())));
    if (best != null) {
      out.put("best", best.commit());
    }
    out.set("record", Views.record(e));
    return new Result(out, evaluateText(e, best));
  }

  private static String evaluateText(LogRecord.Experiment e, LogRecord.Experiment best) {
    StringBuilder t = new StringBuilder(e.status().label()).append(" (run ").append(e.run());
    t.append(")");
    if (e.stats() != null) {
      for (Map.Entry<String, Stats> s : e.stats().entrySet()) {
        Stats st = s.getValue();
        t.append(String.format(Locale.ROOT, "; %s x%.3f", s.getKey(), st.ratio()));
        if (st.ci() != null && st.ci().size() == 2) {
          t.append(String.format(Locale.ROOT, " [%.3f, %.3f]", st.ci().get(0), st.ci().get(1)));
        }
      }
    }
    if (e.asi() != null && e.asi().rollbackReason() != null) {
      t.append("\nwhy: ").append(e.asi().rollbackReason());
      if (e.asi().nextActionHint() != null) {
        t.append("\nnext: ").append(e.asi().nextActionHint());
      }
    }
    if (best != null) {
      t.append("\nbest: ")
          .append(best.commit())
          .append(" (")
          .append(best.description())
          .append(")");
    }
    return t.toString();
  }

  private Result profile(Arguments a, String client, Progress progress) throws Exception {
    LogRecord.Experiment best = Views.best(Views.experiments(Views.lastRun(session.log())));
    if (best == null) {
      throw new ToolFailure("no best yet: call start first");
    }
    String frames = session.profile(best.commit(), progress);
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("best", best.commit());
    out.set("cases", Json.mapper().valueToTree(session.cases(Split.TUNE)));
    out.put("hot_frames", frames);
    return new Result(out, frames);
  }

  private Result log(Arguments a, String client, Progress progress) throws Exception {
    List<String> statuses = a.strings("status");
    Long last = a.count("last");
    JsonNode rows =
        Views.log(
            session,
            statuses == null ? null : Set.copyOf(statuses),
            last == null ? null : Math.toIntExact(last),
            a.string("group_by"));
    ObjectNode out = Json.mapper().createObjectNode();
    out.set(a.string("group_by") == null ? "tries" : "groups", rows);
    return new Result(out, Json.pretty().writeValueAsString(rows));
  }

  private Result report(Arguments a, String client, Progress progress) throws Exception {
    ObjectNode report = Views.report(session);
    return new Result(report, report.path("text").asText());
  }

  private Result addIdea(Arguments a, String client, Progress progress) throws Exception {
    String idea = a.required("idea").strip();
    if (idea.isEmpty() || idea.length() > 2000) {
      throw new BadArguments("add_idea: idea must be 1 to 2000 characters");
    }
    int run =
        Views.experiments(Views.lastRun(session.log())).stream()
            .mapToInt(LogRecord.Experiment::run)
            .max()
            .orElse(0);
    // The format the propose stage parks ideas in, so prompts and status read them alike.
    String line = "- [run " + run + "] " + idea.replace('\n', ' ') + "\n";
    Files.createDirectories(session.ideasFile().getParent());
    Files.writeString(
        session.ideasFile(),
        line,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("parked", line.strip());
    return new Result(out, "parked: " + line.strip());
  }

  private Result stop(Arguments a, String client, Progress progress) throws Exception {
    Session.Ended ended =
        session.stop(
            "stopped by the agent" + (client == null ? "" : " (" + client + ")"), progress);
    ObjectNode out = Json.mapper().createObjectNode();
    String text;
    if (ended.outcome() != null) {
      out.put("stop_reason", ended.outcome().stopReason());
      out.put("aborted", ended.outcome().aborted());
      out.put("best", ended.outcome().best());
      out.put("branch", ended.outcome().branch());
      text = "stopped: " + ended.outcome().stopReason();
    } else {
      Throwable f = ended.failure();
      out.put("failure", f.getMessage());
      out.put("holdout_failed", f instanceof HoldoutFailedException);
      text = "the run ended with a failure: " + f.getMessage();
    }
    List<LogRecord> records = Views.lastRun(session.log());
    for (LogRecord r : records) {
      if (r instanceof LogRecord.Holdout h) {
        out.set("holdout", Views.record(h));
        text += "\nhold-out: " + h.verdict();
      }
    }
    try {
      ObjectNode report = Views.report(session);
      out.set("report", report);
    } catch (ToolFailure e) {
      // no run in the log: nothing to report
    }
    return new Result(out, text);
  }
}

package dev.tuner.propose.llm;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.tuner.log.ProposerInfo;
import dev.tuner.propose.Proposal;
import dev.tuner.propose.ProposalRequest;
import dev.tuner.propose.Proposer;
import dev.tuner.spec.Scope;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

// Over 300 lines: one conversation with the model: prompt, call with retries, answer, edits, cost.
/**
 * Asks a chat model (OpenAI, Anthropic, Ollama or any OpenAI-compatible server, through
 * LangChain4j) for one change as exact search/replace edits, and applies them. Whatever goes wrong
 * — a refusal, an empty or malformed answer, an edit that does not apply or leaves the scope, a
 * provider that keeps failing — becomes the proposal's outcome with a reason the next prompt shows,
 * never an exception out of the loop. Tokens and cost are recorded for every answer, usable or not.
 */
public final class LlmProposer implements Proposer {

  /**
   * Characters per token assumed for the cost cap's estimate: low on purpose, so the estimate errs
   * high.
   */
  static final double CHARS_PER_TOKEN = 3.0;

  private static final int ANSWER_EXCERPT = 2000;

  static final String SYSTEM =
      """
      You are a performance engineer working inside an automated optimisation loop for JVM code. Each turn you \
      propose ONE focused change to the in-scope files that should make the hot path faster while keeping its \
      output byte-identical and its upstream calls within the stated contracts. The loop builds, checks parity \
      and benchmarks your change against the current best, keeps it only with statistical evidence, and shows \
      you the outcome next turn.

      Answer with one JSON object and nothing else:
      {"hypothesis": "why this change makes the hot path faster, naming the profile frame it aims at (one or two sentences)",
       "expectation": "the effect you expect, e.g. 'p95 -10%'",
       "edits": [{"file": "repository-relative path", "search": "exact text to replace", "replace": "new text"}],
       "ideas": ["optional ideas to park for later, e.g. ones the current constraints forbid"]}

      Rules for edits: "file" must be one of the in-scope files shown; "search" must be copied exactly from the \
      file as shown (whitespace and indentation included) and occur exactly once in it, so include a few \
      surrounding lines; edits to one file apply in order; an empty "search" creates a new in-scope file. \
      Keep imports and syntax valid: a change that does not compile is wasted.""";

  private final ChatModel model;
  private final LlmSettings settings;
  private final Scope scope;
  private final Sleeper sleeper;

  /** How the proposer waits between retries; tests pass one that does not. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  public LlmProposer(LlmSettings settings, Scope scope) {
    this(ChatModels.create(settings), settings, scope, d -> Thread.sleep(d.toMillis()));
  }

  LlmProposer(ChatModel model, LlmSettings settings, Scope scope, Sleeper sleeper) {
    this.model = model;
    this.settings = settings;
    this.scope = scope;
    this.sleeper = sleeper;
  }

  @Override
  public String kind() {
    return "llm";
  }

  @Override
  public boolean readsPrompt() {
    return true;
  }

  public LlmSettings settings() {
    return settings;
  }

  /** Unbounded when the model has no known price (the loop refuses a cost cap then). */
  @Override
  public double worstCaseCostUsd(String prompt) {
    if (settings.price() == null) {
      return Double.POSITIVE_INFINITY;
    }
    long tokensIn = (long) Math.ceil((SYSTEM.length() + prompt.length()) / CHARS_PER_TOKEN);
    return Prices.cost(settings.price(), tokensIn, settings.maxTokens());
  }

  @Override
  public String unknownCost() {
    return settings.unknownPrice();
  }

  @Override
  public Proposal propose(ProposalRequest request) throws IOException {
    String fallback = "llm proposal " + request.run();
    ChatRequest.Builder chat =
        ChatRequest.builder()
            .messages(
                SystemMessage.from(SYSTEM), UserMessage.from(settings.redact(request.prompt())));
    if (ChatModels.responseFormat(settings.provider()) != null) {
      chat.responseFormat(ChatModels.responseFormat(settings.provider()));
    }
    ChatRequest chatRequest = chat.build();
    List<String> failures = new ArrayList<>();
    ChatResponse response = null;
    long started = System.nanoTime();
    for (int attempt = 0; attempt <= settings.retries(); attempt++) {
      if (attempt > 0) {
        Duration backoff = settings.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 10));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        if (elapsed.plus(backoff).compareTo(request.timeout()) >= 0) {
          return failed(
              fallback,
              "the "
                  + settings.provider()
                  + " call failed "
                  + failures.size()
                  + " times and another"
                  + " retry would run past the proposer's "
                  + request.timeout().toSeconds()
                  + " s: "
                  + failures.get(failures.size() - 1),
              failures);
        }
        try {
          sleeper.sleep(backoff);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return failed(
              fallback,
              "interrupted while waiting to retry the " + settings.provider() + " call",
              failures);
        }
      }
      try {
        response = model.chat(chatRequest);
        break;
      } catch (ContentFilteredException e) {
        return Proposal.invalid(
            fallback, "the model refused: " + oneLine(e.getMessage()), info(null), null);
      } catch (RuntimeException e) {
        failures.add(describe(e));
        if (!retriable(e)) {
          return failed(
              fallback,
              "the "
                  + settings.provider()
                  + " call failed and is not worth retrying: "
                  + failures.get(failures.size() - 1),
              failures);
        }
      }
    }
    if (response == null) {
      return failed(
          fallback,
          "the "
              + settings.provider()
              + " call failed "
              + failures.size()
              + " times ("
              + settings.retries()
              + " retries): "
              + failures.get(failures.size() - 1),
          failures);
    }
    ProposerInfo info = info(response.tokenUsage());
    String text = response.aiMessage() == null ? null : response.aiMessage().text();
    String excerpt = excerpt(text);
    if (response.finishReason() == FinishReason.CONTENT_FILTER) {
      return Proposal.invalid(fallback, "the model refused (content filter)", info, excerpt);
    }
    if (response.finishReason() == FinishReason.LENGTH) {
      return Proposal.invalid(
          fallback,
          "the answer was cut off at maxTokens "
              + settings.maxTokens()
              + ": propose a smaller change",
          info,
          excerpt);
    }
    AnswerParser.Parsed parsed = AnswerParser.parse(text);
    if (parsed.problem() != null) {
      return Proposal.invalid(fallback, parsed.problem(), info, excerpt);
    }
    Answer answer = parsed.answer();
    String description = describe(answer);
    String problem = new EditApplier(request.root(), scope).apply(answer.edits());
    if (problem != null) {
      return new Proposal(
          Proposal.Outcome.INVALID,
          description,
          answer.hypothesis(),
          answer.expectation(),
          List.of(),
          answer.ideas(),
          info,
          "the edits do not apply: " + problem,
          excerpt);
    }
    return new Proposal(
        Proposal.Outcome.CHANGED,
        description,
        answer.hypothesis(),
        answer.expectation(),
        List.of(),
        answer.ideas(),
        info,
        null,
        null);
  }

  private ProposerInfo info(TokenUsage usage) {
    if (usage == null || usage.inputTokenCount() == null) {
      return new ProposerInfo(kind(), settings.model(), null, null, null);
    }
    long in = usage.inputTokenCount();
    long out = usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
    return new ProposerInfo(
        kind(),
        settings.model(),
        in,
        out,
        settings.price() == null ? null : Prices.cost(settings.price(), in, out));
  }

  private Proposal failed(String description, String problem, List<String> failures) {
    return new Proposal(
        Proposal.Outcome.FAILED,
        description,
        null,
        null,
        List.of(),
        List.of(),
        info(null),
        problem,
        String.join("\n", failures));
  }

  /** 429, 5xx, timeouts and refused connections pass; a bad key, model or request does not. */
  private static boolean retriable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RetriableException
          || t instanceof HttpTimeoutException
          || t instanceof ConnectException
          || t instanceof java.net.SocketTimeoutException) {
        return true;
      }
      if (t instanceof HttpException h
          && (h.statusCode() == 408 || h.statusCode() == 429 || h.statusCode() >= 500)) {
        return true;
      }
    }
    return false;
  }

  /** One line about a failed call, without the key (error bodies sometimes echo part of it). */
  private String describe(Throwable e) {
    Integer status = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpException h) {
        status = h.statusCode();
        break;
      }
    }
    String kind = e.getClass().getSimpleName();
    String message = oneLine(e.getMessage());
    return settings.redact(
        (status == null ? "" : "HTTP " + status + " ")
            + kind
            + (message.isEmpty() ? "" : ": " + message));
  }

  private static String describe(Answer answer) {
    String first = answer.hypothesis().lines().findFirst().orElse("").strip();
    int stop = first.indexOf(". ");
    String sentence = stop > 0 ? first.substring(0, stop) : first;
    return sentence.length() <= 120 ? sentence : sentence.substring(0, 117) + "...";
  }

  private static String excerpt(String text) {
    if (text == null) {
      return null;
    }
    return text.length() <= ANSWER_EXCERPT ? text : text.substring(0, ANSWER_EXCERPT) + "\n…";
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    String line = s.replaceAll("\\s+", " ").strip();
    return line.length() <= 300 ? line : line.substring(0, 297) + "...";
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "llm proposer (%s %s)", settings.provider(), settings.model());
  }
}

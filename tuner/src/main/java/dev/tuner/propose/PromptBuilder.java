package dev.tuner.propose;

import dev.tuner.harness.spec.Contract;
import dev.tuner.log.LogRecord;
import dev.tuner.spec.Scope;
import dev.tuner.spec.ScopeSpec;
import dev.tuner.spec.TunerSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one prompt every proposer that reads text gets (an external agent, the LLM proposer):
 * objective, constraints, scope, the recent experiments with what was learned from each, the last
 * failure's evidence, the ideas parked so far, where time goes in the current best, and the
 * in-scope files themselves.
 */
public final class PromptBuilder {

  private static final int HISTORY = 12;

  /** The in-scope files shown whole add up to at most this many characters (about 20k tokens). */
  static final int FILE_BUDGET_CHARS = 60_000;

  /** Directories never searched for in-scope files: build output and state, not sources. */
  private static final Set<String> SKIPPED_DIRS =
      Set.of(".git", ".tuner", "target", "build", "node_modules");

  /**
   * Lines that declare something (types, methods, fields) in Java-like sources: a big file's
   * outline.
   */
  private static final Pattern DECLARATION =
      Pattern.compile(
          "^\\s*(public|protected|private|static|final|abstract|record|class|interface|enum|@|[\\w<>\\[\\],.? ]+\\s+\\w+\\s*\\().*");

  private final TunerSpec spec;
  private final Path root;
  private final Scope scope;

  /**
   * @param root the working tree whose in-scope files the prompt shows; null shows none
   */
  public PromptBuilder(TunerSpec spec, Path root) {
    this.spec = spec;
    this.root = root;
    this.scope = new Scope(spec.scope());
  }

  /**
   * @param contracts the call contracts of the current phase, per upstream
   * @param history this segment's experiment records, oldest first
   */
  public String build(
      int run,
      String phase,
      Map<String, Contract> contracts,
      List<LogRecord.Experiment> history,
      String ideas,
      String lastFailure) {
    return build(run, phase, contracts, history, ideas, lastFailure, null);
  }

  /**
   * @param hotFrames where the current best spends its time (a profile's hottest frames), or null
   */
  public String build(
      int run,
      String phase,
      Map<String, Contract> contracts,
      List<LogRecord.Experiment> history,
      String ideas,
      String lastFailure,
      String hotFrames) {
    StringBuilder p = new StringBuilder();
    p.append("# Task: experiment ").append(run).append(" of a performance optimisation loop\n\n");
    p.append("## Objective\n")
        .append(spec.objective() == null ? "Make the hot path faster." : spec.objective().strip())
        .append("\n\nThe primary metric is ")
        .append(spec.metric().primaryName())
        .append(" latency per case under replay (lower is better). A change is kept only if ")
        .append(
            spec.benchmark()
                .compare()
                .criterion()
                .keepsWhen(spec.metric().threshold(), spec.benchmark().compare().tailMargin()))
        .append(" with statistical evidence and allocation does not grow.\n\n");
    p.append("## Constraints (phase ").append(phase).append(")\n");
    p.append(
        "- The output of every case must stay byte-identical to its golden (goldens/<case>.json).\n");
    contracts.forEach(
        (upstream, contract) ->
            p.append("- Calls to `")
                .append(upstream)
                .append("`: ")
                .append(describe(contract))
                .append('\n'));
    p.append("- Make one focused change per experiment; describe it in one line.\n\n");
    p.append("## Scope\nYou may change only files matching:\n");
    spec.scope().include().forEach(glob -> p.append("- `").append(glob).append("`\n"));
    p.append("\nNever change (the change is rejected as scope_violation):\n");
    ScopeSpec.ALWAYS_FROZEN.forEach(glob -> p.append("- `").append(glob).append("`\n"));
    spec.scope().frozen().forEach(glob -> p.append("- `").append(glob).append("`\n"));
    p.append("\n## Recent experiments\n");
    List<LogRecord.Experiment> recent =
        history.subList(Math.max(0, history.size() - HISTORY), history.size());
    if (recent.isEmpty()) {
      p.append("(none yet)\n");
    }
    for (LogRecord.Experiment e : recent) {
      p.append("- run ")
          .append(e.run())
          .append(" [")
          .append(e.status().label())
          .append("] ")
          .append(e.description());
      if (e.stats() != null && e.stats().get("p95") != null) {
        p.append(String.format(Locale.ROOT, " (p95 ratio %.3f)", e.stats().get("p95").ratio()));
      }
      if (e.asi() != null
          && e.asi().hypothesis() != null
          && !e.asi().hypothesis().equals(e.description())) {
        p.append(" — hypothesis: ").append(e.asi().hypothesis().lines().findFirst().orElse(""));
      }
      if (e.asi() != null && e.asi().rollbackReason() != null) {
        p.append(" — ").append(e.asi().rollbackReason());
      }
      p.append('\n');
    }
    if (lastFailure != null && !lastFailure.isBlank()) {
      p.append("\n## Evidence from the last failure\n```\n")
          .append(lastFailure.strip())
          .append("\n```\n");
    }
    p.append("\n## Ideas backlog\n").append(ideas == null || ideas.isBlank() ? "(empty)\n" : ideas);
    p.append(
        "\nIdeas that break the current constraints can be parked for later instead of tried.\n");
    if (hotFrames != null && !hotFrames.isBlank()) {
      p.append("\n## Where time goes in the current best (hottest frames of a profile)\n```\n")
          .append(hotFrames.strip())
          .append("\n```\n")
          .append("Name in your hypothesis the frame of this table that your change aims at.\n");
    }
    if (root != null) {
      files(p, hotFrames);
    }
    return p.toString();
  }

  /**
   * The in-scope files: whole while they fit the budget (those named in the hot frames first, then
   * the smaller ones), an outline of declarations with line numbers for the rest.
   */
  private void files(StringBuilder p, String hotFrames) {
    List<Path> files = inScopeFiles();
    if (files.isEmpty()) {
      return;
    }
    String hot = hotFrames == null ? "" : hotFrames;
    List<Path> order = new ArrayList<>(files);
    order.sort(
        Comparator.comparing((Path f) -> !hot.contains(baseName(f))).thenComparingLong(this::size));
    p.append("\n## In-scope files (current best)\n");
    int budget = FILE_BUDGET_CHARS;
    for (Path file : order) {
      String name = root.relativize(file).toString().replace('\\', '/');
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (MalformedInputException e) {
        continue;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (text.length() <= budget) {
        budget -= text.length();
        p.append("\n### ")
            .append(name)
            .append("\n```\n")
            .append(text)
            .append(text.endsWith("\n") ? "" : "\n")
            .append("```\n");
      } else {
        p.append("\n### ")
            .append(name)
            .append(" (")
            .append(text.length())
            .append(" chars: too big to show whole; its declarations with line numbers)\n```\n");
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
          if (DECLARATION.matcher(lines.get(i)).matches()
              && !lines.get(i).strip().startsWith("return")) {
            p.append(i + 1).append(": ").append(lines.get(i).strip()).append('\n');
          }
        }
        p.append("```\n");
      }
    }
  }

  private List<Path> inScopeFiles() {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(
              f -> {
                Path rel = root.relativize(f);
                for (Path part : rel) {
                  if (SKIPPED_DIRS.contains(part.toString())) {
                    return false;
                  }
                }
                return Files.isRegularFile(f) && scope.allows(rel.toString().replace('\\', '/'));
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }

  private static String baseName(Path f) {
    String name = f.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static String describe(Contract contract) {
    return switch (contract) {
      case EXACT -> "exactly the recorded calls (no caching, batching or skipping)";
      case NO_INCREASE -> "no more calls than recorded (fewer is allowed)";
      case FREE -> "any number, as long as each matches a recorded request";
    };
  }
}

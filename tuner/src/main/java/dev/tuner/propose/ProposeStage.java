package dev.tuner.propose;

import dev.tuner.harness.spec.Contract;
import dev.tuner.log.LogRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The propose stage: writes the prompt ({@code .tuner/prompts/run-N.md}: objective, constraints,
 * history, ideas, the best's hot frames), holds the cost cap before the call, asks the proposer,
 * and parks the ideas it could not try in {@code .tuner/ideas.md}.
 */
public final class ProposeStage {

  private final Proposer proposer;
  private final PromptBuilder prompts;
  private final Path root;
  private final Path stateDir;
  private final Duration timeout;
  private final Clock clock;

  public ProposeStage(
      Proposer proposer,
      PromptBuilder prompts,
      Path root,
      Path stateDir,
      Duration timeout,
      Clock clock) {
    this.proposer = proposer;
    this.prompts = prompts;
    this.root = root;
    this.stateDir = stateDir;
    this.timeout = timeout;
    this.clock = clock;
  }

  /**
   * What the proposer is told for one try.
   *
   * @param attempt how many proposals the run already made
   * @param lastFailure why the previous try failed, when it did; null otherwise
   * @param hotFrames where the best spends its time; null when not profiled
   */
  public record Turn(
      int run,
      int attempt,
      String phase,
      Map<String, Contract> contracts,
      List<LogRecord.Experiment> history,
      String best,
      String lastFailure,
      String hotFrames) {}

  /**
   * The proposer's answer, or why it was not asked.
   *
   * @param proposal null when the cost cap stopped the call
   * @param refused why the call was not made (the cost cap); null when it was
   */
  public record Proposed(Proposal proposal, Duration elapsed, String refused) {}

  /**
   * Asks for one change.
   *
   * @param spent USD the run's proposals have cost so far
   * @param cap the run's cost cap in USD; null for none
   */
  public Proposed ask(Turn turn, double spent, Double cap) throws IOException {
    Path promptFile = stateDir.resolve("prompts/run-" + turn.run() + ".md");
    Files.createDirectories(promptFile.getParent());
    Path ideasFile = stateDir.resolve("ideas.md");
    String ideas = Files.exists(ideasFile) ? Files.readString(ideasFile) : "";
    String prompt =
        prompts.build(
            turn.run(),
            turn.phase(),
            turn.contracts(),
            turn.history(),
            ideas,
            turn.lastFailure(),
            turn.hotFrames());
    Files.writeString(promptFile, prompt);
    if (cap != null) {
      // The cap holds before the call: stop when the worst this call could cost does not fit.
      double worst = proposer.worstCaseCostUsd(prompt);
      if (spent + worst > cap) {
        return new Proposed(
            null,
            Duration.ZERO,
            String.format(
                Locale.ROOT,
                "budget: the next proposal could cost up to $%.4f, more than the $%.4f left of the"
                    + " $%.2f cap ($%.4f spent)",
                worst,
                cap - spent,
                cap,
                spent));
      }
    }
    Instant t0 = clock.instant();
    Proposal proposal =
        proposer.propose(
            new ProposalRequest(
                turn.run(),
                turn.attempt(),
                root,
                turn.best(),
                prompt,
                promptFile,
                ideasFile,
                timeout,
                turn.phase()));
    Duration elapsed = Duration.between(t0, clock.instant());
    park(ideasFile, turn.run(), proposal.ideas());
    return new Proposed(proposal, elapsed, null);
  }

  private static void park(Path ideasFile, int run, List<String> ideas) throws IOException {
    if (ideas.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    ideas.forEach(
        idea -> text.append("- [run ").append(run).append("] ").append(idea.strip()).append('\n'));
    Files.writeString(
        ideasFile,
        text,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}

package dev.tuner.propose;

import dev.tuner.log.ProposerInfo;
import java.util.List;
import java.util.Map;

/**
 * What a proposer did to the working tree and why.
 *
 * @param problem why the proposal is invalid (a patch that does not apply, a command that failed)
 * @param output the tail of the proposer's own output, for the log's asi
 * @param knobs the knob values the proposal set (knob search), recorded with the try; null
 *     otherwise
 * @param source where the change came from, to name it on the terminal (the patch file of a queue);
 *     null when the description says it all
 */
public record Proposal(
    Outcome outcome,
    String description,
    String hypothesis,
    String expectation,
    List<String> tags,
    List<String> ideas,
    ProposerInfo proposer,
    String problem,
    String output,
    Map<String, String> knobs,
    String source) {

  /** Whether the tree now holds a change to try. */
  public enum Outcome {
    CHANGED,
    INVALID,
    TIMEOUT,
    /** The proposer could not produce anything (a provider's errors outlasted the retries). */
    FAILED,
    /** Nothing left to propose (a patch queue ran out): the loop stops. */
    EXHAUSTED
  }

  public Proposal {
    tags = tags == null ? List.of() : List.copyOf(tags);
    ideas = ideas == null ? List.of() : List.copyOf(ideas);
  }

  public Proposal(
      Outcome outcome,
      String description,
      String hypothesis,
      String expectation,
      List<String> tags,
      List<String> ideas,
      ProposerInfo proposer,
      String problem,
      String output) {
    this(
        outcome,
        description,
        hypothesis,
        expectation,
        tags,
        ideas,
        proposer,
        problem,
        output,
        null,
        null);
  }

  /** This proposal, recording the knob values it set. */
  public Proposal withKnobs(Map<String, String> values) {
    return new Proposal(
        outcome,
        description,
        hypothesis,
        expectation,
        tags,
        ideas,
        proposer,
        problem,
        output,
        values,
        source);
  }

  /** This proposal, naming where it came from (a patch file). */
  public Proposal withSource(String from) {
    return new Proposal(
        outcome,
        description,
        hypothesis,
        expectation,
        tags,
        ideas,
        proposer,
        problem,
        output,
        knobs,
        from);
  }

  /** How the terminal names this proposal: its source, else its description; null when neither. */
  public String name() {
    return source != null ? source : description;
  }

  public static Proposal changed(
      String description, String hypothesis, ProposerInfo proposer, String output) {
    return new Proposal(
        Outcome.CHANGED,
        description,
        hypothesis,
        null,
        List.of(),
        List.of(),
        proposer,
        null,
        output);
  }

  public static Proposal invalid(
      String description, String problem, ProposerInfo proposer, String output) {
    return new Proposal(
        Outcome.INVALID, description, null, null, List.of(), List.of(), proposer, problem, output);
  }

  public static Proposal exhausted(ProposerInfo proposer) {
    return new Proposal(
        Outcome.EXHAUSTED, null, null, null, List.of(), List.of(), proposer, null, null);
  }
}

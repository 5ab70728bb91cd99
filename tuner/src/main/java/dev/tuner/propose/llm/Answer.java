package dev.tuner.propose.llm;

import java.util.List;

/**
 * What the model answers: a hypothesis, the expected effect, exact search/replace edits, and ideas
 * to park.
 *
 * @param ideas may be empty
 */
public record Answer(String hypothesis, String expectation, List<Edit> edits, List<String> ideas) {

  public Answer {
    edits = List.copyOf(edits);
    ideas = ideas == null ? List.of() : List.copyOf(ideas);
  }

  /**
   * Replace the one occurrence of {@code search} in {@code file} with {@code replace}. An empty
   * {@code search} creates {@code file}, which must not exist yet.
   */
  public record Edit(String file, String search, String replace) {}
}

package dev.tuner.propose;

import dev.tuner.log.LogRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Makes one change to the working tree per call. The loop checks, commits, builds, verifies and
 * measures whatever it changed; a proposer never commits or resets by itself.
 */
public interface Proposer {

  /**
   * {@code patches}, {@code command}, {@code knobs}, {@code llm}: recorded with every experiment.
   */
  String kind();

  Proposal propose(ProposalRequest request) throws IOException;

  /**
   * Whether the proposal now under trial was taken back (an agent cancelled it): the try then stops
   * at the end of the stage under way and is logged {@code cancelled}.
   */
  default boolean withdrawn() {
    return false;
  }

  /**
   * The most the next proposal could cost (USD) given its prompt, so the loop can stop before a
   * call that might break the cost cap rather than after. Free proposers cost nothing.
   */
  default double worstCaseCostUsd(String prompt) {
    return 0;
  }

  /**
   * Why this proposer's cost cannot be counted (a model without a known price), with how to give
   * it; null when it can (free proposers can). The run goes on without a cost cap, and is refused
   * with one.
   */
  default String unknownCost() {
    return null;
  }

  /**
   * Whether this proposer is a finite list the user wrote out (the patch queue): the loop then
   * tries it to its end, and stops on a plateau only when the user set one ({@code --plateau}).
   */
  default boolean finiteQueue() {
    return false;
  }

  /**
   * Whether this proposer reads the prompt, and so whether profiling the best for it is worth the
   * time.
   */
  default boolean readsPrompt() {
    return false;
  }

  /**
   * Feedback: called with every try's record once it is logged, and on {@code --resume} with every
   * experiment of the run read back from the log (the baseline first), so a proposer that learns
   * keeps what it learned.
   */
  default void observe(LogRecord.Experiment tried) {}

  /**
   * The knob values the tree at {@code root} holds, for the baseline's record; null for proposers
   * without knobs.
   */
  default Map<String, String> knobs(Path root) throws IOException {
    return null;
  }
}

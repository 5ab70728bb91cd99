package dev.tuner.propose;

import java.io.IOException;

/**
 * Makes one change to the working tree per call. The loop checks, commits, builds, verifies and measures
 * whatever it changed; a proposer never commits or resets by itself.
 */
public interface Proposer {

  /** {@code patches}, {@code command}, {@code knobs}, {@code llm}: recorded with every experiment. */
  String kind();

  Proposal propose(ProposalRequest request) throws IOException;

  /**
   * The most the next proposal could cost (USD) given its prompt, so the loop can stop before a call that
   * might break the cost cap rather than after. Free proposers cost nothing.
   */
  default double worstCaseCostUsd(String prompt) {
    return 0;
  }

  /** Whether this proposer reads the prompt, and so whether profiling the best for it is worth the time. */
  default boolean readsPrompt() {
    return false;
  }
}

package dev.tuner.propose;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a proposer gets for one try.
 *
 * @param attempt how many proposals this run already made (a patch queue's position)
 * @param prompt the prompt text (objective, constraints, scope, history, ideas), also in {@code
 *     promptFile}
 * @param phase the name of the phase the try belongs to (its call contracts decide what passes)
 */
public record ProposalRequest(
    int run,
    int attempt,
    Path root,
    String bestCommit,
    String prompt,
    Path promptFile,
    Path ideasFile,
    Duration timeout,
    String phase) {

  /** A request in the default single phase. */
  public ProposalRequest(
      int run,
      int attempt,
      Path root,
      String bestCommit,
      String prompt,
      Path promptFile,
      Path ideasFile,
      Duration timeout) {
    this(run, attempt, root, bestCommit, prompt, promptFile, ideasFile, timeout, "1");
  }
}

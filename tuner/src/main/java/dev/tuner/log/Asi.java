package dev.tuner.log;

/**
 * What the next proposal should learn from this one (the field pi-autoresearch calls asi).
 *
 * @param error an excerpt of the failure's evidence: compiler errors, a parity diff, an exception
 */
public record Asi(String hypothesis, String rollbackReason, String nextActionHint, String error) {

  /** Excerpts of build, parity and proposer output carry no terminal colours into the log. */
  public Asi {
    hypothesis = Ansi.strip(hypothesis);
    rollbackReason = Ansi.strip(rollbackReason);
    nextActionHint = Ansi.strip(nextActionHint);
    error = Ansi.strip(error);
  }

  public static Asi of(String hypothesis) {
    return new Asi(hypothesis, null, null, null);
  }

  public Asi rollback(String reason, String hint, String errorExcerpt) {
    return new Asi(hypothesis, reason, hint, errorExcerpt);
  }
}

package dev.tuner.log;

/**
 * Why a stage ended a try before the keep rule could: the status the try gets and what its {@link
 * Asi} tells the next proposal.
 *
 * @param reason the rollback reason, one line
 * @param hint what the next proposal should do instead
 * @param evidence an excerpt of the failure: compiler errors, a parity diff, an exception; may be
 *     null
 */
public record Stop(Status status, String reason, String hint, String evidence) {

  /** The try's asi: its hypothesis, rolled back for this reason. */
  public Asi asi(String hypothesis) {
    return Asi.of(hypothesis).rollback(reason, hint, evidence);
  }
}

package dev.tuner.harness;

/**
 * The exit codes every command shares, the tuner's and the harness's entry points ({@code
 * HarnessMain}, {@code InterleaveMain}) alike, so a forked harness's code is passed on unchanged.
 */
public final class ExitCode {

  /** Success: the command did what was asked and every check passed. */
  public static final int OK = 0;

  /** A check failed: a parity mismatch, an unmatched request, calls that changed. */
  public static final int CHECK_FAILED = 1;

  /** A usage or spec error, or a corrupt fixture or golden. */
  public static final int USAGE = 2;

  /** The environment failed: a build failed, an upstream is unreachable, an artifact is missing. */
  public static final int ENVIRONMENT = 3;

  private ExitCode() {}
}

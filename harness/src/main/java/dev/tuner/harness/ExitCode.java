package dev.tuner.harness;

/** The exit codes every tuner and harness command shares (DESIGN §4); listed in {@code tuner --help}. */
public final class ExitCode {
  /** The command did what was asked and every check passed. */
  public static final int OK = 0;

  /** A check failed: a parity mismatch, an unmatched request, a call count that changed. */
  public static final int CHECK_FAILED = 1;

  /** The command line or the spec is wrong, or a fixture or golden is corrupt. */
  public static final int USAGE = 2;

  /** The environment failed: a build failed, an upstream is unreachable, an artifact is missing. */
  public static final int ENVIRONMENT = 3;

  private ExitCode() {}
}

package dev.tuner.harness;

import java.util.Optional;

/**
 * Ends a JVM that the tuner forked when the tuner ends. A child process outlives its parent on
 * Linux and macOS: a {@code tuner optimize} stopped by SIGTERM or {@code kill -9} would otherwise
 * leave its benchmark and replay JVMs running, loading the machine its next run measures on.
 *
 * <p>The tuner passes its process id as the system property {@value #PROPERTY}; a JVM started any
 * other way (a user's own {@code java} command, a test) has no such property and is left alone.
 */
public final class ParentWatch {

  /** The system property that holds the id of the process to end with. */
  public static final String PROPERTY = "tuner.parentPid";

  private ParentWatch() {}

  /**
   * Halts this JVM with {@link ExitCode#ENVIRONMENT} as soon as the process named by {@value
   * #PROPERTY} has ended (at once if it already has); does nothing without the property.
   */
  public static void endWithParent() {
    String pid = System.getProperty(PROPERTY);
    if (pid == null) {
      return;
    }
    Optional<ProcessHandle> parent;
    try {
      parent = ProcessHandle.of(Long.parseLong(pid.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "-D" + PROPERTY + " must be a process id, not '" + pid + "'", e);
    }
    if (parent.isEmpty() || !parent.get().isAlive()) {
      Runtime.getRuntime().halt(ExitCode.ENVIRONMENT);
    }
    // halt, not exit: the parent that would read what shutdown hooks print is gone.
    parent.get().onExit().thenRun(() -> Runtime.getRuntime().halt(ExitCode.ENVIRONMENT));
  }
}

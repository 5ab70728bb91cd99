package dev.tuner.spec;

/**
 * How to turn the repository into what parity and benchmarks run on: the hot path's classes and
 * their class path, next to tuner's own prebuilt runner (JMH, the case benchmark, the harness).
 *
 * <p>Three ways, by which keys are set:
 *
 * <ul>
 *   <li><b>Maven</b> (no {@code command}): tuner compiles the project ({@code test-compile},
 *       offline when it can) and asks Maven for the test class path of {@code module};
 *   <li><b>{@code command} + {@code classpathFile}</b>: any build that writes its class path to a
 *       file (Gradle: a task printing {@code sourceSets.test.runtimeClasspath.asPath});
 *   <li><b>{@code command} + {@code artifact}</b>: a build that already makes an uber-jar.
 * </ul>
 *
 * @param command a shell command run in the repository's root; null for the Maven default
 * @param artifact the jar the command produces, relative to the root
 * @param classpathFile the file the command writes the class path to, relative to the root (entries
 *     separated by the path separator or by line breaks)
 * @param module the Maven module holding the hot path, a directory relative to the root; null: the
 *     root's own project
 * @param timeoutSeconds how long a build may take before it is killed
 */
public record BuildSpec(
    String command, String artifact, String classpathFile, String module, Integer timeoutSeconds) {

  /** Maven, the root's own project, 15 minutes. */
  public static final BuildSpec MAVEN = new BuildSpec(null, null, null, null, null);

  public BuildSpec {
    timeoutSeconds = timeoutSeconds == null ? 900 : timeoutSeconds;
  }

  /** Whether tuner builds with Maven itself. */
  public boolean maven() {
    return command == null;
  }

  /** The same build, killed after {@code seconds}. */
  public BuildSpec withTimeoutSeconds(int seconds) {
    return new BuildSpec(command, artifact, classpathFile, module, seconds);
  }
}

package dev.tuner.spec;

/**
 * How to turn the repository into the artifact that parity and benchmarks run on.
 *
 * @param command a shell command run in the repository's root
 * @param artifact the jar it produces, relative to the root; it must hold the hot path, the harness
 *     and JMH
 * @param timeoutSeconds how long a build may take before it is killed
 */
public record BuildSpec(String command, String artifact, Integer timeoutSeconds) {

  public BuildSpec {
    timeoutSeconds = timeoutSeconds == null ? 900 : timeoutSeconds;
  }
}

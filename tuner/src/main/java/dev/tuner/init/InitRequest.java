package dev.tuner.init;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code tuner init} was asked for, every value already read from the command line.
 *
 * @param dir the project directory, where tuner.yaml goes
 * @param hotPath the adapter class to generate
 * @param upstreams the live services, in the order given (names unique)
 * @param casesGlob a glob relative to {@code dir} whose files become cases, or null
 * @param scope globs of files a proposal may change; empty for the default
 * @param name the target's name, or null for the build's project name
 * @param objective the objective in words, or null for the default
 * @param module the Maven module or Gradle subproject holding the hot path (a directory relative to
 *     {@code dir}), or null for the project at {@code dir}
 * @param harnessVersion the version of {@code dev.tuner:harness} the project should depend on
 * @param workingDir the directory the user runs tuner in, to say where to run the next commands
 */
public record InitRequest(
    Path dir,
    HotPathName hotPath,
    List<UpstreamArg> upstreams,
    String casesGlob,
    List<String> scope,
    String name,
    String objective,
    String module,
    String harnessVersion,
    Path workingDir) {

  public InitRequest {
    upstreams = List.copyOf(upstreams);
    scope = List.copyOf(scope);
  }
}

package dev.tuner.loop;

import dev.tuner.log.Status;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuner.build.Artifact;
import dev.tuner.harness.parity.CaseResult;
import dev.tuner.harness.parity.Failure;
import dev.tuner.harness.spec.Contract;
import dev.tuner.io.Processes;
import dev.tuner.spec.TunerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Build and parity for one commit, each a subprocess with a deadline; outputs go to {@code .tuner/logs/}. */
final class Stages {

  private static final int TAIL = 25;
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path root;
  private final Path stateDir;
  private final TunerSpec spec;

  Stages(Path root, Path stateDir, TunerSpec spec) {
    this.root = root;
    this.stateDir = stateDir;
    this.spec = spec;
  }

  /** How a stage ended: passed, or the status and evidence of its failure. */
  record Result(Status failure, String reason, String evidence, Duration elapsed, Path artifact) {

    boolean passed() {
      return failure == null;
    }
  }

  /** The cached artifact of a commit, if it was built before. */
  Path cached(String commit) {
    return stateDir.resolve("artifacts/" + commit + ".jar");
  }

  Result build(String label, String commit, Duration timeout) throws IOException {
    var buildSpec = new dev.tuner.spec.BuildSpec(spec.build().command(), spec.build().artifact(),
        (int) Math.max(1, timeout.toSeconds()));
    Processes.Outcome outcome = Artifact.build(root, buildSpec, stateDir.resolve("logs/" + label + "-build.log"));
    if (outcome.timedOut()) {
      return new Result(Status.TIMEOUT, "the build ran past " + timeout.toSeconds() + " s and was killed",
          outcome.tail(TAIL), outcome.elapsed(), null);
    }
    Path produced = root.resolve(spec.build().artifact());
    if (!outcome.ok() || !Files.exists(produced)) {
      return new Result(Status.BUILD_FAILED, outcome.ok() ? "the build produced no artifact at " + produced
          : "the build failed (exit " + outcome.exitCode() + ")", outcome.tail(TAIL), outcome.elapsed(), null);
    }
    Path cached = cached(commit);
    Files.createDirectories(cached.getParent());
    Files.copy(produced, cached, StandardCopyOption.REPLACE_EXISTING);
    return new Result(null, null, null, outcome.elapsed(), cached);
  }

  /** Replays {@code cases} on an artifact under the phase's contracts, in a forked JVM. */
  Result parity(String label, Path artifact, List<String> cases, Map<String, Contract> contracts, Duration timeout)
      throws IOException {
    Path json = stateDir.resolve("logs/" + label + "-parity.json");
    Files.deleteIfExists(json);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", artifact.toString(), "dev.tuner.harness.cli.HarnessMain", "verify",
        "--spec", root.resolve("tuner.yaml").toString(), "--json", json.toString()));
    cases.forEach(c -> command.addAll(List.of("--case", c)));
    contracts.forEach((upstream, contract) -> command.addAll(List.of("--contract", upstream + "=" + contract.yamlName())));
    Processes.Outcome outcome = Processes.run(command, root, Map.of(), timeout,
        stateDir.resolve("logs/" + label + "-parity.log"));
    if (outcome.timedOut()) {
      return new Result(Status.TIMEOUT, "parity ran past " + timeout.toSeconds() + " s and was killed"
          + " (an endless loop in the hot path?)", outcome.tail(TAIL), outcome.elapsed(), artifact);
    }
    if (outcome.exitCode() == 0) {
      return new Result(null, null, null, outcome.elapsed(), artifact);
    }
    if (outcome.exitCode() != 1 || !Files.exists(json)) {
      return new Result(Status.CRASH, "the parity run failed (exit " + outcome.exitCode() + ")", outcome.tail(TAIL),
          outcome.elapsed(), artifact);
    }
    List<Failure> failures = Arrays.stream(JSON.readValue(json.toFile(), CaseResult[].class))
        .flatMap(r -> r.failures().stream().map(f -> new Failure(f.kind(), r.caseId() + ": " + f.message())))
        .toList();
    Status status = classify(failures);
    String evidence = failures.stream().map(Failure::message).limit(8).collect(Collectors.joining("\n"));
    String reason = switch (status) {
      case CRASH -> "the hot path failed during replay";
      case CALLS_CHANGED -> "the calls to the upstreams differ from the recording";
      default -> "the output differs from the goldens";
    };
    return new Result(status, reason, evidence, outcome.elapsed(), artifact);
  }

  /**
   * The cause is named, not its consequences: a request no stub matches comes first (the replay answers it
   * with an error, so a hot path that then throws is its consequence: a batch size the recording does not
   * hold, say); then a crash, then other changed calls, then a changed output.
   */
  private static Status classify(List<Failure> failures) {
    if (failures.stream().anyMatch(f -> f.kind() == Failure.Kind.UNMATCHED_REQUEST)) {
      return Status.CALLS_CHANGED;
    }
    if (failures.stream().anyMatch(f -> f.kind() == Failure.Kind.HOT_PATH_FAILED)) {
      return Status.CRASH;
    }
    if (failures.stream().anyMatch(f -> f.kind().isAboutCalls())) {
      return Status.CALLS_CHANGED;
    }
    if (failures.stream().anyMatch(f -> f.kind() == Failure.Kind.FIXTURE_TAMPERED)) {
      return Status.SCOPE_VIOLATION;
    }
    return Status.PARITY_FAILED;
  }
}

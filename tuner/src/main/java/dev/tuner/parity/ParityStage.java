package dev.tuner.parity;

import dev.tuner.harness.parity.CaseResult;
import dev.tuner.harness.parity.Failure;
import dev.tuner.harness.spec.Contract;
import dev.tuner.io.Classpath;
import dev.tuner.io.Json;
import dev.tuner.io.Processes;
import dev.tuner.log.Status;
import dev.tuner.log.Stop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parity stage: replays cases on a class path under a phase's call contracts, each case twice
 * in one forked JVM with a deadline, and names the cause of a failure; outputs go to {@code
 * .tuner/logs/}.
 */
public final class ParityStage {

  private static final int TAIL = 25;

  private final Path root;
  private final Path stateDir;
  private final Path specFile;

  /** The harness replays over the spec's {@code benchmark.transport}, as the benchmarks do. */
  public ParityStage(Path root, Path stateDir, Path specFile) {
    this.root = root;
    this.stateDir = stateDir;
    this.specFile = specFile;
  }

  /** How the replay ended: passed ({@code stop} null), or why not. */
  public record Result(Duration elapsed, Stop stop) {

    public boolean passed() {
      return stop == null;
    }
  }

  /** Replays {@code cases} on {@code classpath}; {@code label} names the logs. */
  public Result check(
      String label,
      Classpath classpath,
      List<String> cases,
      Map<String, Contract> contracts,
      Duration timeout)
      throws IOException {
    Path json = stateDir.resolve("logs/" + label + "-parity.json");
    Files.deleteIfExists(json);
    List<String> options = new ArrayList<>(List.of("--json", json.toString()));
    options.addAll(HarnessFork.verifyOptions(twice(cases), contracts));
    Processes.Outcome outcome =
        Processes.run(
            HarnessFork.commandLine(classpath, specFile, "verify", options),
            root,
            Map.of(),
            timeout,
            stateDir.resolve("logs/" + label + "-parity.log"));
    if (outcome.timedOut()) {
      return failed(
          outcome,
          Status.TIMEOUT,
          "parity ran past "
              + timeout.toSeconds()
              + " s and was killed (an endless loop in the hot path?)",
          outcome.tail(TAIL));
    }
    if (outcome.exitCode() == 0) {
      return new Result(outcome.elapsed(), null);
    }
    if (outcome.exitCode() != 1 || !Files.exists(json)) {
      return failed(
          outcome,
          Status.CRASH,
          "the parity run failed (exit " + outcome.exitCode() + ")",
          outcome.tail(TAIL));
    }
    CaseResult[] results = Json.lenient().readValue(json.toFile(), CaseResult[].class);
    List<Failure> failures = new ArrayList<>();
    Set<String> failedFirst = new HashSet<>();
    for (int i = 0; i < results.length; i++) {
      boolean second = i >= cases.size();
      String id = results[i].caseId();
      if (!second && !results[i].failures().isEmpty()) {
        failedFirst.add(id);
      }
      if (second && failedFirst.contains(id)) {
        continue; // the first run's failure again: it would only crowd out other cases' evidence
      }
      String run = second ? " (its second run in the same JVM)" : "";
      for (Failure f : results[i].failures()) {
        failures.add(new Failure(f.kind(), id + run + ": " + f.message()));
      }
    }
    Status status = classify(failures);
    String evidence =
        failures.stream().map(Failure::message).limit(8).collect(Collectors.joining("\n"));
    String reason =
        switch (status) {
          case CRASH -> "the hot path failed during replay";
          case CALLS_CHANGED -> "the calls to the upstreams differ from the recording";
          default -> "the output differs from the goldens";
        };
    return failed(outcome, status, reason, evidence);
  }

  /**
   * Each case twice, in this order, in the one JVM: a state kept from one run to the next (an
   * upstream's answer cached across requests, say) shows in the second run as a changed call or
   * output, as it would in production and in the benchmark, where runs repeat.
   */
  private static List<String> twice(List<String> cases) {
    List<String> runs = new ArrayList<>(cases);
    runs.addAll(cases);
    return runs;
  }

  private static Result failed(
      Processes.Outcome outcome, Status status, String reason, String evidence) {
    return new Result(outcome.elapsed(), new Stop(status, reason, hintFor(status), evidence));
  }

  /** What the next proposal should do about a failure of this kind. */
  public static String hintFor(Status failure) {
    return switch (failure) {
      case CALLS_CHANGED ->
          "keep every upstream call as recorded in this phase (no caching, batching or skipping)";
      case CRASH -> "the change throws at run time; see asi.error";
      case TIMEOUT -> "the change made the hot path much slower or endless";
      default ->
          "the change alters the output; keep results byte-identical (see the differing paths in"
              + " asi.error)";
    };
  }

  /**
   * The cause is named, not its consequences: a request no stub matches comes first (the replay
   * answers it with an error, so a hot path that then throws is its consequence: a batch size the
   * recording does not hold, say); then a crash, then other changed calls, then a changed output.
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

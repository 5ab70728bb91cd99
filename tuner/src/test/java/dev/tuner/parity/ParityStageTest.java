package dev.tuner.parity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.SyntheticHotPath;
import dev.tuner.harness.spec.Contract;
import dev.tuner.log.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parity stage on the example's replay, with synthetic candidates: the reward hack of the
 * example's story, an upstream's answer remembered from one request to the next, is caught though
 * every single run's output and calls match the recording.
 */
class ParityStageTest {

  private static final List<String> CASES = List.of("water-europe");
  private static final Map<String, Contract> EXACT =
      Map.of("embeddings", Contract.EXACT, "vectors", Contract.EXACT, "reference", Contract.EXACT);

  @TempDir Path dir;

  @Test
  void aCandidateThatRemembersAnAnswerAcrossRunsChangesTheCalls() throws Exception {
    SyntheticHotPath cache =
        SyntheticHotPath.of(
            dir,
            "RemembersAnswers",
            "private static final Map<String, String> ANSWERS ="
                + " new java.util.concurrent.ConcurrentHashMap<>();",
            "String key = input.toString();\n"
                + "    String answer = ANSWERS.get(key);\n"
                + "    if (answer == null) {\n"
                + "      answer = inner.run(input, upstreams);\n"
                + "      ANSWERS.put(key, answer);\n"
                + "    }\n"
                + "    return answer;");

    ParityStage.Result result = check(cache);

    assertThat(result.passed()).isFalse();
    assertThat(result.stop().status()).isEqualTo(Status.CALLS_CHANGED);
    assertThat(result.stop().evidence())
        .contains("water-europe (its second run in the same JVM)")
        .contains("embeddings: 0 call(s), recorded 1");
  }

  @Test
  void aCaseThatFailsOnItsFirstRunIsReportedOnce() throws Exception {
    SyntheticHotPath renames =
        SyntheticHotPath.of(
            dir,
            "RenamesAKey",
            "",
            "return inner.run(input, upstreams).replace(\"\\\"holdings\\\"\", \"\\\"positions\\\"\");");

    ParityStage.Result result = check(renames);

    assertThat(result.stop().status()).isEqualTo(Status.PARITY_FAILED);
    assertThat(result.stop().evidence())
        .startsWith("water-europe: output differs")
        .doesNotContain("second run");
  }

  @Test
  void aCandidateThatKeepsNoStateAcrossRunsPasses() throws Exception {
    SyntheticHotPath plain =
        SyntheticHotPath.of(dir, "Plain", "", "return inner.run(input, upstreams);");

    assertThat(check(plain).stop()).isNull();
  }

  private ParityStage.Result check(SyntheticHotPath candidate) throws Exception {
    Path root = candidate.spec().getParent();
    Path state = Files.createDirectories(root.resolve(".tuner"));
    return new ParityStage(root, state, candidate.spec())
        .check("candidate", candidate.classpath(), CASES, EXACT, Duration.ofMinutes(2));
  }
}

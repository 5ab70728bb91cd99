package dev.tuner.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuner.harness.cli.HarnessMain;
import dev.tuner.harness.fixture.FixtureException;
import dev.tuner.harness.record.RecordingFailedException;
import dev.tuner.harness.record.UpstreamUnreachableException;
import dev.tuner.harness.spec.SpecException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarnessExceptionTest {

  @TempDir Path dir;

  @Test
  void eachFailureCarriesTheExitCodeOfItsKindAndKeepsItsMessage() {
    Path file = Path.of("tuner.yaml");
    assertThat(new SpecException(file, 3, "cases", "missing").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(new SpecException(file, 3, "cases", "missing"))
        .hasMessage("tuner.yaml:3: cases: missing");
    assertThat(new FixtureException(file, "bad").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(
            new UpstreamUnreachableException(
                "search", URI.create("http://127.0.0.1:9/"), "refused"))
        .hasMessage("upstream 'search' is unreachable at http://127.0.0.1:9/ (refused)")
        .extracting(HarnessException::exitCode)
        .isEqualTo(ExitCode.ENVIRONMENT);
    assertThat(new RecordingFailedException("threw", null).exitCode())
        .isEqualTo(ExitCode.ENVIRONMENT);
  }

  @Test
  void harnessMainEndsWithTheCodeOfWhatStoppedIt() throws Exception {
    assertThat(run("explode")).isEqualTo(ExitCode.USAGE);
    Path spec = Files.writeString(dir.resolve("tuner.yaml"), "target: [\n");
    assertThat(run("verify", "--spec", spec.toString())).isEqualTo(ExitCode.USAGE);
  }

  private static int run(String... args) {
    PrintWriter sink = new PrintWriter(new StringWriter());
    return new HarnessMain(sink, sink, Map.of()).run(args);
  }
}

package dev.tuner.propose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchQueueProposerTest {

  @TempDir Path dir;

  @Test
  void theSubjectLineIsTheDescription() {
    assertThat(
            PatchQueueProposer.subject(
                "Subject: [PATCH 1/3] Cache the parser\n\ndiff --git a/x b/x\n", "f.diff"))
        .isEqualTo("Cache the parser");
    assertThat(PatchQueueProposer.subject("diff --git a/x b/x\nSubject: not a header\n", "f.diff"))
        .isEqualTo("f.diff");
  }

  @Test
  void anEmptyQueueIsAnErrorNamingTheDirectory() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "nothing");
    assertThatThrownBy(() -> PatchQueueProposer.load(dir, dir))
        .hasMessageContaining(dir + " holds no *.diff");
  }

  @Test
  void theExampleQueueLoadsInNameOrder() throws Exception {
    Path queue = Path.of("..", "example", "patches");
    PatchQueueProposer proposer = PatchQueueProposer.load(queue, Path.of(".."));
    assertThat(proposer.size()).isEqualTo(8);
    assertThat(proposer.finiteQueue()).as("a plateau does not cut it short").isTrue();
  }
}

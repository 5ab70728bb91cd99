package dev.tuner.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

  @TempDir Path dir;

  @Test
  void replacesTheFileWholeWithTheUsualModesAndLeavesNoTemporaryFile() throws Exception {
    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
    Path report = dir.resolve("sub/report.html");
    AtomicFile.write(report, "old".getBytes(StandardCharsets.UTF_8));
    AtomicFile.write(report, "new".getBytes(StandardCharsets.UTF_8));
    assertThat(report).hasContent("new");
    assertThat(Files.getPosixFilePermissions(report))
        .isEqualTo(Files.getPosixFilePermissions(plain));
    try (var files = Files.list(report.getParent())) {
      assertThat(files).containsExactly(report);
    }
  }
}

package dev.tuner.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerJarTest {

  @TempDir Path cache;

  @Test
  void theRunnerIsExtractedOnceByItsHashAndOldVersionsUnusedForAWeekGo() throws Exception {
    Path stale = Files.writeString(cache.resolve("tuner-runner-0000000000000000.jar"), "old");
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofDays(8))));
    Path recent = Files.writeString(cache.resolve("tuner-runner-1111111111111111.jar"), "in use");
    Files.setLastModifiedTime(recent, FileTime.from(Instant.now().minus(Duration.ofDays(1))));

    Path jar = RunnerJar.extract(cache);

    assertThat(jar.getFileName().toString()).matches("tuner-runner-[0-9a-f]{16}\\.jar");
    assertThat(jar).isNotEmptyFile();
    assertThat(stale).doesNotExist();
    assertThat(recent).exists();
    assertThat(RunnerJar.extract(cache)).isEqualTo(jar);
    try (var files = Files.list(cache)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder(jar.getFileName().toString(), recent.getFileName().toString());
    }
  }
}

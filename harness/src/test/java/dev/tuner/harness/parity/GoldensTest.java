package dev.tuner.harness.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldensTest {

  @TempDir Path root;

  @Test
  void writesTheTextCreatingMissingDirectories() throws Exception {
    Path golden = root.resolve("goldens/nested/hello.json");

    Goldens.write(golden, "{\n  \"text\" : \"héllo\"\n}\n");

    assertThat(golden)
        .hasBinaryContent("{\n  \"text\" : \"héllo\"\n}\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void replacesAnExistingFileWholeAndLeavesNoTemporaryFile() throws Exception {
    Path golden = root.resolve("hello.json");
    Files.writeString(golden, "{\"old\": \"a much longer document than the new one\"}\n");

    Goldens.write(golden, "{}\n");

    assertThat(golden).hasContent("{}\n");
    assertThat(list(root)).containsExactly("hello.json");
  }

  @Test
  void aWriteThatCannotReplaceTheTargetFailsAndLeavesNoTemporaryFile() throws Exception {
    Path occupied = root.resolve("hello.json");
    Files.createDirectories(occupied.resolve("inside"));

    assertThatThrownBy(() -> Goldens.write(occupied, "{}\n")).isInstanceOf(IOException.class);

    assertThat(occupied).isDirectory();
    assertThat(list(root)).containsExactly("hello.json");
    assertThat(list(occupied)).containsExactly("inside");
  }

  private static Stream<String> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList().stream();
    }
  }
}

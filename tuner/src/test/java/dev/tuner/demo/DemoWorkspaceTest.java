package dev.tuner.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoWorkspaceTest {

  @TempDir Path dir;

  @Test
  void aRepositoryWithoutTheBundledExampleIsRefusedNamingWhatIsMissing() throws Exception {
    Path repo = dir.resolve("other");
    try (Git git = Git.init().setDirectory(repo.toFile()).call()) {
      Files.writeString(repo.resolve("tuner.yaml"), "name: mine\n");
      git.add().addFilepattern(".").call();
      PersonIdent me = new PersonIdent("me", "me@localhost");
      git.commit().setMessage("mine").setAuthor(me).setCommitter(me).setSign(false).call();
    }
    assertThatThrownBy(() -> DemoWorkspace.cloneOf(repo, dir.resolve("ws")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not hold the bundled example").hasMessageContaining("example/patches");
  }

  @Test
  void aDirectoryThatIsNotARepositoryIsRefused() {
    assertThatThrownBy(() -> DemoWorkspace.cloneOf(dir, dir.resolve("ws")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a git repository");
  }

  @Test
  void quickSettingsReplaceTheCasesAndAddTinyBenchmarkSettings() {
    String quick = DemoWorkspace.quick("name: x\nmetric: {primary: p95}\ncases:\n  - id: a\n  - id: b\n");
    assertThat(quick).startsWith("name: x\nmetric: {primary: p95}\nbenchmark:\n")
        .contains("jmh: {forks: 1", "- {id: ai-default", "split: holdout").doesNotContain("id: a\n");
    assertThatThrownBy(() -> DemoWorkspace.quick("name: x\nbenchmark: {}\ncases: []\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--quick");
  }
}

package dev.tuner.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuner.error.UsageException;
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
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("does not hold the bundled example")
        .hasMessageContaining("example/patches");
  }

  @Test
  void aDirectoryThatIsNotARepositoryIsRefused() {
    assertThatThrownBy(() -> DemoWorkspace.cloneOf(dir, dir.resolve("ws")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("is not a git repository");
  }

  @Test
  void quickSettingsReplaceTheCasesAndAddTinyBenchmarkSettings() throws Exception {
    String quick =
        DemoWorkspace.quick("name: x\nmetric: {primary: p95}\ncases:\n  - id: a\n  - id: b\n");
    assertThat(quick)
        .startsWith("name: x\nmetric: {primary: p95}\ncases:\n  - {id: ai-default")
        .contains("split: holdout", "\nbenchmark:\n  jmh: {forks: 1")
        .doesNotContain("id: a\n");
    assertThatThrownBy(() -> DemoWorkspace.quick("name: x\nbenchmark: {}\ncases: []\n"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--quick");
    assertThatThrownBy(
            () -> DemoWorkspace.quick("name: x\nbenchmark:\n  compare: {looks: [3]}\ncases: []\n"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--quick");
  }

  @Test
  void quickSettingsKeepTheSectionsAfterTheCases() throws Exception {
    String quick =
        DemoWorkspace.quick(
            "name: x\ncases:\n  - id: a\n\nbenchmark:\n  jvmOptionsFile: j.options\n\n"
                + "knobs:\n  file: k.properties\n");
    assertThat(quick)
        .contains(
            "benchmark:\n  jmh: {forks: 1",
            "  compare: {warmupSeconds: 20",
            "  jvmOptionsFile: j.options\n",
            "knobs:\n  file: k.properties\n")
        .doesNotContain("id: a\n");
  }

  @Test
  void theBundledExamplesSpecShrinksToAValidSpecThatStillDeclaresItsKnobs() throws Exception {
    for (String file :
        new String[] {"example/src/main/resources/tuning.properties", "example/jvm.options"}) {
      Files.createDirectories(dir.resolve(file).getParent());
      Files.copy(Path.of("..", file), dir.resolve(file));
    }
    Path spec = dir.resolve("tuner.yaml");
    Files.writeString(spec, DemoWorkspace.quick(Files.readString(Path.of("..", "tuner.yaml"))));

    var quick = dev.tuner.spec.TunerSpec.load(spec);

    assertThat(quick.cases()).hasSize(3);
    assertThat(quick.knobs()).isNotNull();
    assertThat(quick.benchmark().jvmOptionsFile()).isEqualTo("example/jvm.options");
    assertThat(quick.benchmark().compare().looks()).containsExactly(8);
  }
}

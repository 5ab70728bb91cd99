package dev.tuner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A temporary git clone of this repository (the bundled example with its recordings), as a user's
 * repo.
 */
public final class ExampleClone {

  private ExampleClone() {}

  /**
   * Clones the committed HEAD into {@code dir}, edits its tuner.yaml and commits that, leaving the
   * tree clean.
   */
  public static Path create(Path dir, UnaryOperator<String> specEdit) throws Exception {
    try (Git git =
        Git.cloneRepository()
            .setURI(ExampleBuild.REPO.toUri().toString())
            .setDirectory(dir.toFile())
            .call()) {
      // The user's branch is "main" in every test, whichever branch this repository is on.
      if (!git.getRepository().getBranch().equals("main")) {
        git.branchRename().setNewName("main").call();
      }
      Path spec = dir.resolve("tuner.yaml");
      Files.writeString(spec, specEdit.apply(Files.readString(spec)));
      PersonIdent who = new PersonIdent("test", "test@localhost");
      git.commit()
          .setAll(true)
          .setMessage("test settings")
          .setAuthor(who)
          .setCommitter(who)
          .setSign(false)
          .call();
    }
    return dir;
  }
}

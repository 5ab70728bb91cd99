package dev.tuner.build;

import dev.tuner.error.UsageException;

import dev.tuner.io.Dirs;
import dev.tuner.spec.BuildSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Builds a revision of the user's repository without touching the working tree: a clone of the
 * repository at that commit under {@code .tuner/revisions/<commit>/}, built there with the spec's
 * build command. A clone that built is kept and reused, so comparing against the same revision
 * again costs nothing; its fixtures, goldens and spec are the revision's own.
 */
public final class Revisions {

  /** Written into a clone once its build succeeded: the build command it ran. */
  static final String BUILT_MARKER = ".tuner-built";

  /**
   * A built revision.
   *
   * @param commit the full commit id
   * @param root the clone's directory that corresponds to the repository root of the spec
   * @param specFile the revision's own spec
   * @param artifact the built artifact
   */
  public record Checkout(String commit, Path root, Path specFile, Path artifact) {}

  private Revisions() {}

  /**
   * Resolves {@code rev} (a commit id, branch, tag, {@code HEAD~1}, ...) in the git repository holding
   * {@code specFile}, and returns that commit built.
   *
   * @throws UsageException if the spec is not in a git working tree, or {@code rev} names no commit
   * @throws IOException if the clone fails
   * @throws BuildFailedException if the build command fails
   */
  public static Checkout build(Path specFile, String rev, BuildSpec build, PrintWriter log)
      throws IOException, BuildFailedException, UsageException {
    Path spec = specFile.toAbsolutePath().normalize();
    Path root = spec.getParent();
    FileRepositoryBuilder found = new FileRepositoryBuilder().findGitDir(root.toFile());
    // Found nothing: JGit's build() would throw an IllegalArgumentException naming neither.
    if (found.getGitDir() == null) {
      throw new UsageException(root + " is not in a git repository; revisions are git commits");
    }
    try (Repository repo = found.setMustExist(true).build()) {
      if (repo.isBare()) {
        throw new UsageException(root + " is not in a git working tree");
      }
      ObjectId id = repo.resolve(rev + "^{commit}");
      if (id == null) {
        throw new UsageException("unknown revision '" + rev + "' in " + repo.getWorkTree());
      }
      String commit = id.name();
      Path relative = repo.getWorkTree().toPath().toAbsolutePath().normalize().relativize(root);
      Path clone = root.resolve(".tuner").resolve("revisions").resolve(commit);
      Path cloneRoot = clone.resolve(relative);
      Path artifact = cloneRoot.resolve(build.artifact());
      Path marker = clone.resolve(BUILT_MARKER);
      if (Files.exists(artifact) && Files.exists(marker)
          && Files.readString(marker, StandardCharsets.UTF_8).equals(build.command())) {
        return new Checkout(commit, cloneRoot, cloneRoot.resolve(spec.getFileName()), artifact);
      }
      Dirs.deleteTree(clone);
      log.println("checking out " + rev + " (" + commit.substring(0, 12) + ") into " + clone);
      log.flush();
      clone(repo, commit, clone);
      Path built = Artifact.ensure(cloneRoot, build, log);
      Files.writeString(marker, build.command(), StandardCharsets.UTF_8);
      return new Checkout(commit, cloneRoot, cloneRoot.resolve(spec.getFileName()), built);
    }
  }

  private static void clone(Repository repo, String commit, Path into) throws IOException {
    Files.createDirectories(into.getParent());
    // Cloning from the common git directory works for linked worktrees too; a hard reset (rather
    // than a checkout) puts index and files at the commit whatever the clone's default branch is.
    try (Git git = Git.cloneRepository()
        .setURI(repo.getCommonDirectory().toURI().toString())
        .setDirectory(into.toFile())
        .setNoCheckout(true)
        .call()) {
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit).call();
    } catch (GitAPIException e) {
      Dirs.deleteTree(into);
      throw new IOException("cannot clone " + repo.getCommonDirectory() + " at " + commit + ": " + e.getMessage(), e);
    }
  }
}

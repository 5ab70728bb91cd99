package dev.tuner.build;

import dev.tuner.error.UsageException;
import dev.tuner.io.Classpath;
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
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

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
   * @param classpath the built revision, the runner first
   */
  public record Checkout(String commit, Path root, Path specFile, Classpath classpath) {}

  private Revisions() {}

  /**
   * Resolves {@code rev} (a commit id, branch, tag, {@code HEAD~1}, ...) in the git repository
   * holding {@code specFile}, and returns that commit built.
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
      Path marker = clone.resolve(BUILT_MARKER);
      String command = ProjectBuild.command(cloneRoot, build, false);
      if (Files.exists(marker)
          && Files.readString(marker, StandardCharsets.UTF_8).equals(command)) {
        try {
          return new Checkout(
              commit,
              cloneRoot,
              cloneRoot.resolve(spec.getFileName()),
              ProjectBuild.produced(cloneRoot, build));
        } catch (BuildFailedException stale) {
          // Its output is gone: build it again below.
        }
      }
      Dirs.deleteTree(clone);
      log.println("checking out " + rev + " (" + commit.substring(0, 12) + ") into " + clone);
      log.flush();
      clone(repo, rev, id, clone);
      Classpath built = ProjectBuild.ensure(cloneRoot, build, log);
      Files.writeString(marker, command, StandardCharsets.UTF_8);
      return new Checkout(commit, cloneRoot, cloneRoot.resolve(spec.getFileName()), built);
    }
  }

  /**
   * Fetches what the commit needs from the repository into a new one at {@code into} and resets it
   * there. Fetching from the common git directory works for linked worktrees too; a hard reset
   * (rather than a checkout) puts index and files at the commit whatever the clone's branch is.
   */
  private static void clone(Repository repo, String rev, ObjectId commit, Path into)
      throws IOException {
    Files.createDirectories(into.getParent());
    String source = repo.getCommonDirectory().toURI().toString();
    try (Git git = Git.init().setDirectory(into.toFile()).call()) {
      // Every fetch ends with an automatic gc, detached by default: a thread still locking files in
      // the clone while it is reset, built or deleted. Run inline, it finds nothing to do.
      StoredConfig config = git.getRepository().getConfig();
      config.setBoolean("gc", null, "autoDetach", false);
      config.save();
      git.fetch()
          .setRemote(source)
          .setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/origin/*"))
          .setTagOpt(TagOpt.FETCH_TAGS)
          .call();
      if (!git.getRepository().getObjectDatabase().has(commit)) {
        // On no branch or tag, as a discarded try kept under refs/tuner/<tag>/tries/<n>: the
        // source's other refs, fetched only now so the common case fetches no more than before.
        git.fetch()
            .setRemote(source)
            .setRefSpecs(new RefSpec("+refs/*:refs/source/*"))
            .setTagOpt(TagOpt.NO_TAGS)
            .call();
      }
      if (!git.getRepository().getObjectDatabase().has(commit)) {
        throw new IOException(
            "cannot clone "
                + rev
                + " ("
                + commit.name()
                + "): no ref under refs/ of "
                + repo.getCommonDirectory()
                + " reaches it");
      }
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit.name()).call();
    } catch (GitAPIException e) {
      Dirs.deleteTree(into);
      throw new IOException(
          "cannot clone "
              + repo.getCommonDirectory()
              + " at "
              + commit.name()
              + ": "
              + e.getMessage(),
          e);
    } catch (IOException e) {
      Dirs.deleteTree(into);
      throw e;
    }
  }
}

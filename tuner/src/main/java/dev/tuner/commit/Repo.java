package dev.tuner.commit;

import dev.tuner.error.UsageException;
import dev.tuner.log.Diff;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

// Over 300 lines: each method is one git verb over JGit; splitting them would hide which git state
// the loop relies on.
/**
 * The user's repository as the loop uses it, through JGit: it works on its own branch, commits
 * every try, and resets that branch to the best; the user's branch is never moved.
 */
public final class Repo implements AutoCloseable {

  /** Run state lives here; git never sees it, so no reset or checkout touches it. */
  public static final String STATE_DIR = ".tuner";

  private final Git git;
  private final Path root;

  private Repo(Git git, Path root) {
    this.git = git;
    this.root = root;
  }

  public static Repo open(Path root) throws UsageException {
    try {
      Git git = Git.open(root.toFile());
      return new Repo(git, git.getRepository().getWorkTree().toPath().toAbsolutePath().normalize());
    } catch (IOException e) {
      throw new UsageException(root + " is not a git repository (" + e.getMessage() + ")", e);
    }
  }

  public Path root() {
    return root;
  }

  /**
   * The checked-out branch's short name; a detached HEAD is refused, since nothing could hold the
   * result.
   */
  public String currentBranch() throws GitException, UsageException {
    try {
      String full = git.getRepository().getFullBranch();
      if (full == null || !full.startsWith("refs/heads/")) {
        throw new UsageException("HEAD is detached (" + full + "); check out a branch first");
      }
      return git.getRepository().getBranch();
    } catch (IOException e) {
      throw new GitException("cannot read HEAD: " + e.getMessage(), e);
    }
  }

  public String head() throws GitException, UsageException {
    return resolve("HEAD");
  }

  public String resolve(String rev) throws GitException, UsageException {
    try {
      ObjectId id = git.getRepository().resolve(rev);
      if (id == null) {
        throw new UsageException("no such revision: " + rev);
      }
      return id.name();
    } catch (IOException e) {
      throw new GitException("cannot resolve " + rev + ": " + e.getMessage(), e);
    }
  }

  /** Tracked changes and untracked files, outside the run-state directory; empty when clean. */
  public Set<String> changedFiles() throws GitException {
    try {
      Status status = git.status().call();
      Set<String> changed = new TreeSet<>();
      changed.addAll(status.getUncommittedChanges());
      changed.addAll(status.getUntracked());
      changed.removeIf(Repo::isState);
      return changed;
    } catch (GitAPIException e) {
      throw new GitException("git status failed: " + e.getMessage(), e);
    }
  }

  /**
   * Adds {@code .tuner/} to {@code .git/info/exclude}, so run state is never committed or reset.
   */
  public void excludeStateDir() throws GitException {
    Path exclude = git.getRepository().getDirectory().toPath().resolve("info/exclude");
    try {
      Files.createDirectories(exclude.getParent());
      String text = Files.exists(exclude) ? Files.readString(exclude) : "";
      if (text.lines()
          .noneMatch(
              l -> l.trim().equals("/" + STATE_DIR + "/") || l.trim().equals(STATE_DIR + "/"))) {
        String prefix = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
        Files.writeString(exclude, text + prefix + "/" + STATE_DIR + "/\n", StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new GitException("cannot write " + exclude + ": " + e.getMessage(), e);
    }
  }

  private static boolean isState(String path) {
    return path.equals(STATE_DIR) || path.startsWith(STATE_DIR + "/");
  }

  private ObjectId resolveOrNull(String rev) throws GitException {
    try {
      return git.getRepository().resolve(rev + "^{commit}");
    } catch (IOException e) {
      throw new GitException("cannot resolve " + rev + ": " + e.getMessage(), e);
    }
  }

  /**
   * Removes the index lock a killed run left behind (it was killed inside a git command), so the
   * run can resume; true when there was one. Only a caller holding the run lock may call it: no
   * other tuner is then working in this repository.
   */
  public boolean clearStaleIndexLock() throws GitException {
    Path lock = git.getRepository().getDirectory().toPath().resolve("index.lock");
    try {
      return Files.deleteIfExists(lock);
    } catch (IOException e) {
      throw new GitException("cannot remove the stale " + lock + ": " + e.getMessage(), e);
    }
  }

  public boolean branchExists(String branch) throws GitException {
    try {
      return git.getRepository().findRef("refs/heads/" + branch) != null;
    } catch (IOException e) {
      throw new GitException("cannot read branches: " + e.getMessage(), e);
    }
  }

  /** Creates {@code branch} at {@code start} and checks it out. */
  public void createAndCheckout(String branch, String start) throws GitException {
    try {
      git.checkout().setCreateBranch(true).setName(branch).setStartPoint(start).call();
    } catch (GitAPIException e) {
      throw new GitException("cannot create branch " + branch + ": " + e.getMessage(), e);
    }
  }

  public void checkout(String branch) throws GitException {
    try {
      git.checkout().setName(branch).call();
    } catch (GitAPIException e) {
      throw new GitException("cannot check out " + branch + ": " + e.getMessage(), e);
    }
  }

  /** Stages every change (additions, edits, deletions) and commits it; returns the new commit. */
  public String commitAll(String message) throws GitException {
    try {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      PersonIdent tuner = new PersonIdent("tuner", "tuner@localhost");
      RevCommit commit =
          git.commit()
              .setMessage(message)
              .setAuthor(tuner)
              .setCommitter(tuner)
              .setAllowEmpty(true)
              .setSign(false)
              .call();
      return commit.name();
    } catch (GitAPIException e) {
      throw new GitException("commit failed: " + e.getMessage(), e);
    }
  }

  /**
   * Moves the current branch and the working tree to {@code commit}, dropping every change since.
   */
  public void resetHard(String commit) throws GitException {
    try {
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit).call();
      // A proposal's new files are untracked after the reset; remove them, but never the run state.
      // JGit cleans a file in a new folder only through the folder, and every path when given none.
      Status status = git.status().call();
      Set<String> untracked = new TreeSet<>(status.getUntracked());
      untracked.addAll(status.getUntrackedFolders());
      untracked.removeIf(Repo::isState);
      if (!untracked.isEmpty()) {
        git.clean().setCleanDirectories(true).setPaths(untracked).call();
      }
    } catch (GitAPIException | JGitInternalException e) {
      throw new GitException("reset to " + commit + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Moves the branch to {@code commit} keeping the working tree: later commits become uncommitted
   * changes.
   */
  public void resetSoft(String commit) throws GitException {
    try {
      git.reset().setMode(ResetCommand.ResetType.SOFT).setRef(commit).call();
    } catch (GitAPIException e) {
      throw new GitException("reset to " + commit + " failed: " + e.getMessage(), e);
    }
  }

  /** Files changed and lines added/removed between two commits. */
  public Diff diffStats(String from, String to) throws GitException {
    Repository repository = git.getRepository();
    ObjectId fromId = resolveOrNull(from);
    ObjectId toId = resolveOrNull(to);
    if (fromId == null || toId == null) {
      throw new GitException(
          "diff " + from + ".." + to + ": no such revision: " + (fromId == null ? from : to));
    }
    try (RevWalk walk = new RevWalk(repository);
        DiffFormatter formatter = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
      formatter.setRepository(repository);
      List<DiffEntry> entries =
          formatter.scan(walk.parseCommit(fromId).getTree(), walk.parseCommit(toId).getTree());
      List<String> files = new ArrayList<>();
      int added = 0;
      int removed = 0;
      for (DiffEntry entry : entries) {
        files.add(
            entry.getChangeType() == DiffEntry.ChangeType.DELETE
                ? entry.getOldPath()
                : entry.getNewPath());
        FileHeader header = formatter.toFileHeader(entry);
        for (Edit edit : header.toEditList()) {
          added += edit.getLengthB();
          removed += edit.getLengthA();
        }
      }
      return new Diff(files, added, removed);
    } catch (IOException e) {
      throw new GitException("diff " + from + ".." + to + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * The unified diff of the working tree against HEAD (what a proposal changed), for prompts and
   * asi.
   */
  public String diffAgainstHead() throws GitException {
    try {
      var out = new java.io.ByteArrayOutputStream();
      git.diff().setOutputStream(out).call();
      return out.toString(StandardCharsets.UTF_8);
    } catch (GitAPIException e) {
      throw new GitException("git diff failed: " + e.getMessage(), e);
    }
  }

  /**
   * Points {@code refName} (e.g. {@code refs/tuner/x/tries/7}) at a commit, so a discarded try
   * stays reviewable.
   */
  public void keepRef(String refName, String commit) throws GitException {
    try {
      var update = git.getRepository().updateRef(refName);
      update.setNewObjectId(ObjectId.fromString(commit));
      update.setForceUpdate(true);
      RefUpdate.Result result = update.update();
      if (result != RefUpdate.Result.NEW
          && result != RefUpdate.Result.FORCED
          && result != RefUpdate.Result.NO_CHANGE) {
        throw new GitException("cannot write " + refName + ": " + result);
      }
    } catch (IOException e) {
      throw new GitException("cannot write " + refName + ": " + e.getMessage(), e);
    }
  }

  /** Rewrites the message of HEAD (the trailer with the result is known only after the try). */
  public String amendMessage(String message) throws GitException {
    try {
      PersonIdent tuner = new PersonIdent("tuner", "tuner@localhost");
      return git.commit()
          .setAmend(true)
          .setMessage(message)
          .setAuthor(tuner)
          .setCommitter(tuner)
          .setAllowEmpty(true)
          .setSign(false)
          .call()
          .name();
    } catch (GitAPIException e) {
      throw new GitException("amending the commit failed: " + e.getMessage(), e);
    }
  }

  /** The text of {@code path} in {@code commit}, or null when the commit has no such file. */
  public String readFile(String commit, String path) throws GitException {
    Repository repository = git.getRepository();
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
      try (var tree = org.eclipse.jgit.treewalk.TreeWalk.forPath(repository, path, c.getTree())) {
        return tree == null
            ? null
            : new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new GitException("cannot read " + path + " at " + commit + ": " + e.getMessage(), e);
    }
  }

  /** Files changed and lines added/removed by one commit. */
  @Override
  public void close() {
    git.close();
  }
}

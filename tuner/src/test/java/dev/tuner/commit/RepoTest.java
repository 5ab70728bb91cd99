package dev.tuner.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.tuner.error.UsageException;
import dev.tuner.log.Diff;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoTest {

  @TempDir Path dir;

  private Git git;
  private Repo repo;
  private String first;

  /** A repository on branch {@code main} with one commit: {@code a.txt} and {@code src/B.java}. */
  @BeforeEach
  void init() throws Exception {
    git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    write("a.txt", "one\ntwo\nthree\n");
    write("src/B.java", "class B {}\n");
    first = commitByUser("first");
    repo = Repo.open(dir);
  }

  @AfterEach
  void close() {
    repo.close();
    git.close();
  }

  private Path write(String path, String text) throws Exception {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  /** Commits every change as the user would, without going through {@link Repo}. */
  private String commitByUser(String message) throws Exception {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    PersonIdent user = new PersonIdent("user", "user@localhost");
    return git.commit()
        .setMessage(message)
        .setAuthor(user)
        .setCommitter(user)
        .setSign(false)
        .call()
        .name();
  }

  private RevCommit parse(String commit) throws Exception {
    try (RevWalk walk = new RevWalk(git.getRepository())) {
      return walk.parseCommit(git.getRepository().resolve(commit));
    }
  }

  @Test
  void openRefusesADirectoryThatIsNotARepositoryNamingIt(@TempDir Path plain) {
    assertThatThrownBy(() -> Repo.open(plain))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith(plain + " is not a git repository");
  }

  @Test
  void opensALinkedWorktreeOnItsOwnBranch(@TempDir Path elsewhere) throws Exception {
    Path linked = elsewhere.resolve("linked");
    Process add =
        new ProcessBuilder("git", "worktree", "add", "-q", "-b", "side", linked.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(add.getInputStream().readAllBytes());
    assumeThat(add.waitFor()).as("git worktree add: " + output).isZero();
    try (Repo worktree = Repo.open(linked)) {
      assertThat(worktree.root()).isEqualTo(linked.toAbsolutePath().normalize());
      assertThat(worktree.currentBranch()).isEqualTo("side");
      Files.writeString(linked.resolve("a.txt"), "edited in the worktree\n");
      assertThat(worktree.changedFiles()).containsExactly("a.txt");
      String commit = worktree.commitAll("try");
      assertThat(repo.resolve("side")).isEqualTo(commit);
      assertThat(repo.head()).isEqualTo(first);
    }
  }

  @Test
  void rootIsTheWorkTree() {
    assertThat(repo.root()).isEqualTo(dir.toAbsolutePath().normalize());
  }

  @Test
  void currentBranchIsTheCheckedOutBranchsShortName() throws Exception {
    assertThat(repo.currentBranch()).isEqualTo("main");
    git.checkout().setCreateBranch(true).setName("feature/x").call();
    assertThat(repo.currentBranch()).isEqualTo("feature/x");
  }

  @Test
  void aDetachedHeadIsRefusedNamingTheCommit() throws Exception {
    git.checkout().setName(first).call();
    assertThatThrownBy(() -> repo.currentBranch())
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("HEAD is detached")
        .hasMessageContaining(first)
        .hasMessageContaining("check out a branch");
  }

  @Test
  void headAndResolveGiveFullCommitIds() throws Exception {
    write("a.txt", "changed\n");
    String second = commitByUser("second");
    assertThat(repo.head()).isEqualTo(second);
    assertThat(repo.resolve("main")).isEqualTo(second);
    assertThat(repo.resolve("HEAD~1")).isEqualTo(first);
    assertThat(repo.resolve(first.substring(0, 10))).isEqualTo(first);
  }

  @Test
  void anUnknownRevisionIsAUsageErrorNamingIt() {
    assertThatThrownBy(() -> repo.resolve("no-such-branch"))
        .isInstanceOf(UsageException.class)
        .hasMessage("no such revision: no-such-branch");
  }

  @Test
  void aCleanTreeHasNoChangedFiles() throws Exception {
    assertThat(repo.changedFiles()).isEmpty();
  }

  @Test
  void changedFilesListsEditsAdditionsAndDeletionsButNotTheRunState() throws Exception {
    write("a.txt", "edited\n");
    write("new/C.java", "class C {}\n");
    Files.delete(dir.resolve("src/B.java"));
    write(".tuner/experiments.jsonl", "{}\n");
    assertThat(repo.changedFiles()).containsExactly("a.txt", "new/C.java", "src/B.java");
  }

  @Test
  void excludeStateDirAddsOneLineOnceAndKeepsTheUsersLines() throws Exception {
    Path exclude = dir.resolve(".git/info/exclude");
    Files.createDirectories(exclude.getParent());
    Files.writeString(exclude, "*.log");
    repo.excludeStateDir();
    repo.excludeStateDir();
    assertThat(exclude).hasContent("*.log\n/.tuner/\n");
    write(".tuner/experiments.jsonl", "{}\n");
    assertThat(git.status().call().getUntracked()).isEmpty();
  }

  @Test
  void excludeStateDirAcceptsTheUsersOwnSpellingOfTheLine() throws Exception {
    Path exclude = dir.resolve(".git/info/exclude");
    Files.createDirectories(exclude.getParent());
    Files.writeString(exclude, ".tuner/\n");
    repo.excludeStateDir();
    assertThat(exclude).hasContent(".tuner/");
  }

  @Test
  void commitAllCommitsEditsAdditionsAndDeletionsAsTuner() throws Exception {
    write("a.txt", "edited\n");
    write("new/C.java", "class C {}\n");
    Files.delete(dir.resolve("src/B.java"));
    String commit = repo.commitAll("try 1");
    assertThat(repo.changedFiles()).isEmpty();
    assertThat(repo.head()).isEqualTo(commit);
    assertThat(repo.readFile(commit, "a.txt")).isEqualTo("edited\n");
    assertThat(repo.readFile(commit, "new/C.java")).isEqualTo("class C {}\n");
    assertThat(repo.readFile(commit, "src/B.java")).isNull();
    RevCommit c = parse(commit);
    assertThat(c.getFullMessage()).isEqualTo("try 1");
    assertThat(c.getAuthorIdent().getName()).isEqualTo("tuner");
    assertThat(c.getCommitterIdent().getEmailAddress()).isEqualTo("tuner@localhost");
    assertThat(c.getParent(0).name()).isEqualTo(first);
  }

  @Test
  void commitAllWithNothingChangedStillMakesACommit() throws Exception {
    String commit = repo.commitAll("no-op try");
    assertThat(commit).isNotEqualTo(first);
    assertThat(parse(commit).getParent(0).name()).isEqualTo(first);
    assertThat(repo.diffStats(first, commit).files()).isEmpty();
  }

  @Test
  void commitAllLeavesTheExcludedRunStateOut() throws Exception {
    repo.excludeStateDir();
    write(".tuner/experiments.jsonl", "{}\n");
    write("a.txt", "edited\n");
    String commit = repo.commitAll("try");
    assertThat(repo.readFile(commit, ".tuner/experiments.jsonl")).isNull();
    assertThat(repo.diffStats(first, commit).files()).containsExactly("a.txt");
  }

  @Test
  void createAndCheckoutBranchesFromTheStartAndNeverMovesTheUsersBranch() throws Exception {
    write("a.txt", "second\n");
    String second = commitByUser("second");
    assertThat(repo.branchExists("tuner/x")).isFalse();
    repo.createAndCheckout("tuner/x", first);
    assertThat(repo.branchExists("tuner/x")).isTrue();
    assertThat(repo.currentBranch()).isEqualTo("tuner/x");
    assertThat(repo.head()).isEqualTo(first);
    assertThat(dir.resolve("a.txt")).hasContent("one\ntwo\nthree");
    write("a.txt", "tried\n");
    String tried = repo.commitAll("try");
    assertThat(repo.resolve("tuner/x")).isEqualTo(tried);
    assertThat(repo.resolve("main")).isEqualTo(second);
  }

  @Test
  void createAndCheckoutRefusesABranchThatExistsNamingIt() throws Exception {
    git.branchCreate().setName("tuner/x").call();
    assertThatThrownBy(() -> repo.createAndCheckout("tuner/x", first))
        .isInstanceOf(GitException.class)
        .hasMessageStartingWith("cannot create branch tuner/x");
    assertThat(repo.currentBranch()).isEqualTo("main");
  }

  @Test
  void checkoutSwitchesBranchAndFiles() throws Exception {
    repo.createAndCheckout("tuner/x", first);
    write("a.txt", "tried\n");
    repo.commitAll("try");
    repo.checkout("main");
    assertThat(repo.currentBranch()).isEqualTo("main");
    assertThat(dir.resolve("a.txt")).hasContent("one\ntwo\nthree");
  }

  @Test
  void checkoutOfAnUnknownBranchNamesIt() {
    assertThatThrownBy(() -> repo.checkout("no-such-branch"))
        .isInstanceOf(GitException.class)
        .hasMessageStartingWith("cannot check out no-such-branch");
  }

  @Test
  void resetHardDropsUncommittedEditsAndNewFiles() throws Exception {
    write("a.txt", "edited\n");
    Files.delete(dir.resolve("src/B.java"));
    write("src/New.java", "class New {}\n");
    repo.resetHard(first);
    assertThat(dir.resolve("a.txt")).hasContent("one\ntwo\nthree");
    assertThat(dir.resolve("src/B.java")).hasContent("class B {}");
    assertThat(dir.resolve("src/New.java")).doesNotExist();
    assertThat(repo.changedFiles()).isEmpty();
  }

  @Test
  void resetHardDropsUncommittedNewFilesInNewDirectories() throws Exception {
    write("newpkg/D.java", "class D {}\n");
    write("src/deeper/E.java", "class E {}\n");
    repo.resetHard(first);
    assertThat(dir.resolve("newpkg/D.java")).doesNotExist();
    assertThat(dir.resolve("src/deeper/E.java")).doesNotExist();
    assertThat(repo.changedFiles()).isEmpty();
  }

  @Test
  void resetHardMovesTheBranchBackToTheCommit() throws Exception {
    repo.createAndCheckout("tuner/x", first);
    write("a.txt", "tried\n");
    write("added.txt", "x\n");
    write("newpkg/D.java", "class D {}\n");
    repo.commitAll("try");
    repo.resetHard(first);
    assertThat(repo.currentBranch()).isEqualTo("tuner/x");
    assertThat(repo.resolve("tuner/x")).isEqualTo(first);
    assertThat(dir.resolve("a.txt")).hasContent("one\ntwo\nthree");
    assertThat(dir.resolve("added.txt")).doesNotExist();
    assertThat(dir.resolve("newpkg")).doesNotExist();
    assertThat(repo.changedFiles()).isEmpty();
  }

  @Test
  void resetHardKeepsTheExcludedRunState() throws Exception {
    repo.excludeStateDir();
    write(".tuner/experiments.jsonl", "{\"run\":1}\n");
    write("a.txt", "edited\n");
    write("added.txt", "x\n");
    repo.resetHard(first);
    assertThat(dir.resolve("added.txt")).doesNotExist();
    assertThat(dir.resolve(".tuner/experiments.jsonl")).hasContent("{\"run\":1}");
    repo.resetHard(first);
    assertThat(dir.resolve(".tuner/experiments.jsonl")).hasContent("{\"run\":1}");
  }

  @Test
  void resetHardKeepsTheRunStateNextToANewFileEvenWhenItIsNotExcluded() throws Exception {
    write(".tuner/experiments.jsonl", "{\"run\":1}\n");
    write("added.txt", "x\n");
    repo.resetHard(first);
    assertThat(dir.resolve("added.txt")).doesNotExist();
    assertThat(dir.resolve(".tuner/experiments.jsonl")).hasContent("{\"run\":1}");
  }

  @Test
  void resetHardKeepsTheRunStateEvenWhenItIsTheOnlyUntrackedContentAndNotExcluded()
      throws Exception {
    write(".tuner/experiments.jsonl", "{\"run\":1}\n");
    write("a.txt", "edited\n");
    repo.resetHard(first);
    assertThat(dir.resolve("a.txt")).hasContent("one\ntwo\nthree");
    assertThat(dir.resolve(".tuner/experiments.jsonl")).hasContent("{\"run\":1}");
  }

  @Test
  void resetHardToAnUnknownCommitNamesIt() {
    String missing = "0123456789abcdef0123456789abcdef01234567";
    assertThatThrownBy(() -> repo.resetHard(missing))
        .isInstanceOf(GitException.class)
        .hasMessageStartingWith("reset to " + missing + " failed");
  }

  @Test
  void resetSoftMovesTheBranchAndKeepsLaterChangesUncommitted() throws Exception {
    write("a.txt", "second\n");
    commitByUser("second");
    repo.resetSoft(first);
    assertThat(repo.head()).isEqualTo(first);
    assertThat(dir.resolve("a.txt")).hasContent("second");
    assertThat(repo.changedFiles()).containsExactly("a.txt");
  }

  @Test
  void diffStatsCountsFilesAndAddedAndRemovedLines() throws Exception {
    write("a.txt", "one\nTWO\nthree\nfour\n"); // one line replaced, one added
    write("b.txt", "x\ny\n"); // two lines added
    Files.delete(dir.resolve("src/B.java")); // one line removed
    String second = repo.commitAll("try");
    Diff stats = repo.diffStats(first, second);
    assertThat(stats.files()).containsExactlyInAnyOrder("a.txt", "b.txt", "src/B.java");
    assertThat(stats.added()).isEqualTo(4);
    assertThat(stats.removed()).isEqualTo(2);
    Diff back = repo.diffStats(second, first);
    assertThat(back.added()).isEqualTo(2);
    assertThat(back.removed()).isEqualTo(4);
  }

  @Test
  void diffStatsAcceptsRevisionNames() throws Exception {
    write("a.txt", "one\ntwo\nthree\nfour\n");
    repo.commitAll("try");
    assertThat(repo.diffStats("HEAD~1", "HEAD"))
        .isEqualTo(new Diff(java.util.List.of("a.txt"), 1, 0));
  }

  @Test
  void diffStatsOfAnUnknownRevisionIsAGitExceptionNamingIt() {
    assertThatThrownBy(() -> repo.diffStats("no-such-branch", first))
        .isInstanceOf(GitException.class)
        .hasMessageContaining("no-such-branch");
  }

  @Test
  void diffAgainstHeadIsTheUnifiedDiffOfTheWorkingTree() throws Exception {
    write("a.txt", "one\nTWO\nthree\n");
    String diff = repo.diffAgainstHead();
    assertThat(diff)
        .contains("--- a/a.txt", "+++ b/a.txt", "-two", "+TWO")
        .doesNotContain("B.java");
  }

  @Test
  void diffAgainstHeadOfACleanTreeIsEmpty() throws Exception {
    assertThat(repo.diffAgainstHead()).isEmpty();
  }

  @Test
  void keepRefKeepsADiscardedTryReachableAfterTheBranchIsReset() throws Exception {
    write("a.txt", "tried\n");
    String tried = repo.commitAll("try 7");
    repo.keepRef("refs/tuner/x/tries/7", tried);
    repo.resetHard(first);
    assertThat(repo.resolve("refs/tuner/x/tries/7")).isEqualTo(tried);
    assertThat(repo.readFile(tried, "a.txt")).isEqualTo("tried\n");
  }

  @Test
  void keepRefMovesAnExistingRef() throws Exception {
    String second = repo.commitAll("second");
    repo.keepRef("refs/tuner/x/tries/1", first);
    repo.keepRef("refs/tuner/x/tries/1", second);
    assertThat(repo.resolve("refs/tuner/x/tries/1")).isEqualTo(second);
  }

  @Test
  void keepRefThatCannotBeWrittenIsAGitExceptionNamingTheRef() throws Exception {
    repo.keepRef("refs/tuner/x", first);
    assertThatThrownBy(() -> repo.keepRef("refs/tuner/x/tries/1", first))
        .isInstanceOf(GitException.class)
        .hasMessageContaining("refs/tuner/x/tries/1");
  }

  @Test
  void amendMessageRewritesHeadsMessageKeepingItsTreeAndParent() throws Exception {
    write("a.txt", "tried\n");
    String tried = repo.commitAll("try 3");
    String amended = repo.amendMessage("try 3\n\nTuner-Status: keep\n");
    assertThat(amended).isNotEqualTo(tried);
    assertThat(repo.head()).isEqualTo(amended);
    RevCommit before = parse(tried);
    RevCommit after = parse(amended);
    assertThat(after.getFullMessage()).isEqualTo("try 3\n\nTuner-Status: keep\n");
    assertThat(after.getTree()).isEqualTo(before.getTree());
    assertThat(after.getParent(0).name()).isEqualTo(first);
    assertThat(after.getAuthorIdent().getName()).isEqualTo("tuner");
  }

  @Test
  void readFileReadsAFileAsItWasAtACommit() throws Exception {
    write("src/B.java", "class B { int x; }\n");
    String second = repo.commitAll("second");
    assertThat(repo.readFile(first, "src/B.java")).isEqualTo("class B {}\n");
    assertThat(repo.readFile(second, "src/B.java")).isEqualTo("class B { int x; }\n");
    assertThat(repo.readFile(first, "no/such/file")).isNull();
  }

  @Test
  void readFileReadsUtf8() throws Exception {
    write("names.txt", "Grüße, 東京\n");
    String commit = repo.commitAll("utf-8");
    assertThat(repo.readFile(commit, "names.txt")).isEqualTo("Grüße, 東京\n");
  }

  @Test
  void readFileAtACommitThatDoesNotExistIsAGitExceptionNamingFileAndCommit() {
    String missing = "0123456789abcdef0123456789abcdef01234567";
    assertThatThrownBy(() -> repo.readFile(missing, "a.txt"))
        .isInstanceOf(GitException.class)
        .hasMessageStartingWith("cannot read a.txt at " + missing);
  }
}

package dev.tuner.build;

import static dev.tuner.io.ChildProcesses.assertGone;
import static dev.tuner.io.ChildProcesses.pid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.tuner.error.UsageException;
import dev.tuner.spec.BuildSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevisionsTest {

  @TempDir Path root;

  /** Outside the repository: where the test's build commands count their runs. */
  @TempDir Path outside;

  private final StringWriter log = new StringWriter();
  private Git git;
  private Path spec;
  private String v1;
  private String v2;

  /** A repository on {@code main} with two commits; {@code src.txt} holds "v1" then "v2". */
  @BeforeEach
  void init() throws Exception {
    git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call();
    spec = Files.writeString(root.resolve("tuner.yaml"), "name: x\n");
    Files.writeString(root.resolve("src.txt"), "v1\n");
    v1 = commit("v1");
    Files.writeString(root.resolve("src.txt"), "v2\n");
    v2 = commit("v2");
  }

  @AfterEach
  void close() {
    git.close();
  }

  private String commit(String message) throws Exception {
    git.add().addFilepattern(".").call();
    PersonIdent user = new PersonIdent("user", "user@localhost");
    return git.commit()
        .setMessage(message)
        .setAuthor(user)
        .setCommitter(user)
        .setSign(false)
        .call()
        .name();
  }

  /** Copies src.txt to the artifact and counts the build in a file outside the repository. */
  private BuildSpec counting() {
    return new BuildSpec(
        "cp src.txt out.jar && echo built >> '" + outside.resolve("builds") + "'",
        "out.jar",
        null,
        null,
        60);
  }

  /** The uber-jar a checkout runs on, behind the runner. */
  private static Path artifact(Revisions.Checkout checkout) {
    return checkout.classpath().entries().get(1);
  }

  private long builds() throws IOException {
    Path builds = outside.resolve("builds");
    return Files.exists(builds) ? Files.readAllLines(builds).size() : 0;
  }

  private Revisions.Checkout build(String rev, BuildSpec build) throws Exception {
    return Revisions.build(spec, rev, build, new PrintWriter(log));
  }

  @Test
  void buildsAnOlderRevisionInItsOwnCloneWithoutTouchingTheWorkingTree() throws Exception {
    Files.writeString(root.resolve("src.txt"), "uncommitted\n");
    Revisions.Checkout checkout = build("HEAD~1", counting());
    Path clone = root.resolve(".tuner/revisions/" + v1);
    assertThat(checkout.commit()).isEqualTo(v1);
    assertThat(checkout.root()).isEqualTo(clone);
    assertThat(checkout.specFile()).isEqualTo(clone.resolve("tuner.yaml"));
    assertThat(checkout.classpath().entries())
        .containsExactly(RunnerJar.path(), clone.resolve("out.jar"));
    assertThat(artifact(checkout)).hasContent("v1");
    assertThat(checkout.specFile()).hasContent("name: x");
    assertThat(root.resolve("src.txt")).hasContent("uncommitted");
    assertThat(git.getRepository().resolve("HEAD").name()).isEqualTo(v2);
    assertThat(log.toString())
        .startsWith("checking out HEAD~1 (" + v1.substring(0, 12) + ") into " + clone);
  }

  @Test
  void buildsTheCommittedHeadNotTheEditedWorkingTree() throws Exception {
    Files.writeString(root.resolve("src.txt"), "uncommitted\n");
    assertThat(artifact(build("HEAD", counting()))).hasContent("v2");
  }

  @Test
  void resolvesBranchesTagsAndAbbreviatedIds() throws Exception {
    git.tag()
        .setName("release-1")
        .setObjectId(git.getRepository().parseCommit(ObjectId.fromString(v1)))
        .setAnnotated(true)
        .setMessage("r1")
        .setTagger(new PersonIdent("user", "user@localhost"))
        .setSigned(false)
        .call();
    assertThat(build("release-1", counting()).commit()).isEqualTo(v1);
    assertThat(build("main", counting()).commit()).isEqualTo(v2);
    assertThat(build(v1.substring(0, 8), counting()).commit()).isEqualTo(v1);
  }

  @Test
  void aBuiltRevisionIsReusedWithoutBuildingAgain() throws Exception {
    Revisions.Checkout first = build(v1, counting());
    log.getBuffer().setLength(0);
    Revisions.Checkout again = build(v1, counting());
    assertThat(again).isEqualTo(first);
    assertThat(builds()).isEqualTo(1);
    assertThat(log.toString()).isEmpty();
  }

  @Test
  void anotherBuildCommandBuildsTheRevisionAgainFromAFreshClone() throws Exception {
    Revisions.Checkout first = build(v1, counting());
    Files.writeString(first.root().resolve("left-over"), "from the first build");
    BuildSpec other =
        new BuildSpec(
            counting().command() + " && echo other >> out.jar", "out.jar", null, null, 60);
    Revisions.Checkout again = build(v1, other);
    assertThat(builds()).isEqualTo(2);
    assertThat(artifact(again)).hasContent("v1\nother");
    assertThat(again.root().resolve("left-over")).doesNotExist();
  }

  @Test
  void aSpecInASubdirectoryMapsToTheSameSubdirectoryOfTheClone() throws Exception {
    Path sub = Files.createDirectories(root.resolve("perf"));
    Files.writeString(sub.resolve("tuner.yaml"), "name: sub\n");
    Files.writeString(sub.resolve("src.txt"), "sub v3\n");
    String v3 = commit("v3");
    Revisions.Checkout checkout =
        Revisions.build(sub.resolve("tuner.yaml"), "HEAD", counting(), new PrintWriter(log));
    Path cloneRoot = sub.resolve(".tuner/revisions/" + v3 + "/perf");
    assertThat(checkout.root()).isEqualTo(cloneRoot);
    assertThat(checkout.specFile())
        .isEqualTo(cloneRoot.resolve("tuner.yaml"))
        .hasContent("name: sub");
    assertThat(artifact(checkout)).hasContent("sub v3");
  }

  @Test
  void anUnknownRevisionIsRefusedByName() {
    assertThatThrownBy(() -> build("no-such-rev", counting()))
        .isInstanceOf(UsageException.class)
        .hasMessage("unknown revision 'no-such-rev' in " + root);
  }

  @Test
  void aSpecOutsideAnyRepositoryIsAUsageErrorNamingItsDirectory(@TempDir Path plain)
      throws Exception {
    assumeThat(new FileRepositoryBuilder().findGitDir(plain.toFile()).getGitDir())
        .as("no repository above")
        .isNull();
    Path plainSpec = Files.writeString(plain.resolve("tuner.yaml"), "name: x\n");
    assertThatThrownBy(() -> Revisions.build(plainSpec, "HEAD", counting(), new PrintWriter(log)))
        .isInstanceOf(UsageException.class)
        .hasMessage(plain + " is not in a git repository; revisions are git commits");
  }

  @Test
  void aSpecInsideABareRepositoryIsAUsageErrorNamingItsDirectory(@TempDir Path bare)
      throws Exception {
    Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
    Path bareSpec = Files.writeString(bare.resolve("tuner.yaml"), "name: x\n");
    assertThatThrownBy(() -> Revisions.build(bareSpec, "HEAD", counting(), new PrintWriter(log)))
        .isInstanceOf(UsageException.class)
        .hasMessage(bare + " is not in a git working tree");
  }

  @Test
  void aFailingBuildNamesItsCommandAndOutputAndIsNotReusedNextTime() throws Exception {
    BuildSpec failing =
        new BuildSpec("echo 'error: v1 does not compile' >&2; exit 2", "out.jar", null, null, 60);
    assertThatThrownBy(() -> build(v1, failing))
        .isInstanceOf(BuildFailedException.class)
        .hasMessageContaining("the build failed (exit 2): " + failing.command())
        .hasMessageContaining("  | error: v1 does not compile");
    assertThat(artifact(build(v1, counting()))).hasContent("v1");
    assertThat(builds()).isEqualTo(1);
  }

  @Test
  void aBuildWithoutTheArtifactNamesThePathInTheClone() {
    BuildSpec noArtifact = new BuildSpec("echo x > other.jar", "out.jar", null, null, 60);
    assertThatThrownBy(() -> build(v1, noArtifact))
        .isInstanceOf(BuildFailedException.class)
        .hasMessageContaining(
            "produced no artifact at " + root.resolve(".tuner/revisions/" + v1 + "/out.jar"));
  }

  @Test
  void aBuildPastItsTimeoutIsKilledAndSaysSo() throws Exception {
    Path pidFile = outside.resolve("compiler.pid");
    BuildSpec slow =
        new BuildSpec("sleep 30 & echo $! > '" + pidFile + "'; wait", "out.jar", null, null, 1);
    assertThatThrownBy(() -> build(v1, slow))
        .isInstanceOf(BuildFailedException.class)
        .hasMessage("the build ran past 1 s and was killed: " + slow.command());
    assertGone(pid(pidFile));
  }

  @Test
  void buildsADiscardedTryKeptOnlyUnderRefsTuner() throws Exception {
    Files.writeString(root.resolve("src.txt"), "tried\n");
    String tried = commit("try 1");
    RefUpdate keep = git.getRepository().updateRef("refs/tuner/x/tries/1");
    keep.setNewObjectId(ObjectId.fromString(tried));
    keep.setForceUpdate(true);
    assertThat(keep.update()).isIn(RefUpdate.Result.NEW, RefUpdate.Result.FORCED);
    git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(v2).call();
    Revisions.Checkout checkout = build("refs/tuner/x/tries/1", counting());
    assertThat(checkout.commit()).isEqualTo(tried);
    assertThat(artifact(checkout)).hasContent("tried");
  }

  @Test
  void aCommitNoRefReachesIsRefusedNamingTheRevisionAndLeavesNoClone() throws Exception {
    String orphan;
    try (ObjectInserter inserter = git.getRepository().newObjectInserter()) {
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(git.getRepository().parseCommit(ObjectId.fromString(v2)).getTree());
      commit.setParentId(ObjectId.fromString(v2));
      PersonIdent user = new PersonIdent("user", "user@localhost");
      commit.setAuthor(user);
      commit.setCommitter(user);
      commit.setMessage("on no ref");
      orphan = inserter.insert(commit).name();
      inserter.flush();
    }
    assertThatThrownBy(() -> build(orphan, counting()))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "cannot clone "
                + orphan
                + " ("
                + orphan
                + "): no ref under refs/ of "
                + git.getRepository().getDirectory()
                + " reaches it");
    assertThat(root.resolve(".tuner/revisions/" + orphan)).doesNotExist();
    assertThat(builds()).isZero();
  }

  @Test
  void buildsARevisionOfALinkedWorktree() throws Exception {
    Path linked = outside.resolve("linked");
    Process add =
        new ProcessBuilder("git", "worktree", "add", "-q", "-b", "side", linked.toString(), v1)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(add.getInputStream().readAllBytes());
    assumeThat(add.waitFor()).as("git worktree add: " + output).isZero();
    Revisions.Checkout checkout =
        Revisions.build(linked.resolve("tuner.yaml"), "HEAD", counting(), new PrintWriter(log));
    assertThat(checkout.commit()).isEqualTo(v1);
    assertThat(checkout.root()).isEqualTo(linked.resolve(".tuner/revisions/" + v1));
    assertThat(artifact(checkout)).hasContent("v1");
    assertThat(linked.resolve("src.txt")).hasContent("v1");
  }

  @Test
  void theMarkerRecordsTheCommandThatBuiltTheClone() throws Exception {
    Revisions.Checkout checkout = build(v1, counting());
    assertThat(checkout.root().resolve(Revisions.BUILT_MARKER)).hasContent(counting().command());
    assertThat(List.of(checkout.root().toFile().list()))
        .contains(".git", "src.txt", "tuner.yaml", "out.jar");
  }
}

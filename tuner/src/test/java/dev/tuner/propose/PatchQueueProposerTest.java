package dev.tuner.propose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchQueueProposerTest {

  @TempDir Path dir;

  @Test
  void theSubjectLineIsTheDescription() {
    assertThat(
            PatchQueueProposer.subject(
                "Subject: [PATCH 1/3] Cache the parser\n\ndiff --git a/x b/x\n", "f.diff"))
        .isEqualTo("Cache the parser");
    assertThat(PatchQueueProposer.subject("diff --git a/x b/x\nSubject: not a header\n", "f.diff"))
        .isEqualTo("f.diff");
  }

  @Test
  void anEmptyQueueIsAnErrorNamingTheDirectory() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "nothing");
    assertThatThrownBy(() -> PatchQueueProposer.load(dir, dir))
        .hasMessageContaining(dir + " holds no *.diff");
  }

  @Test
  void theExampleQueueLoadsInNameOrder() throws Exception {
    Path queue = Path.of("..", "example", "patches");
    PatchQueueProposer proposer = PatchQueueProposer.load(queue, Path.of(".."));
    assertThat(proposer.size()).isEqualTo(8);
    assertThat(proposer.finiteQueue()).as("a plateau does not cut it short").isTrue();
  }

  static final String FILE = "src/A.java";

  /** Twelve lines, line {@code n} reading {@code int vN = N;}, with {@code edits} applied. */
  static String lines(String... edits) {
    List<String> l = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      l.add("int v" + i + " = " + i + ";");
    }
    for (int i = 0; i < edits.length; i += 2) {
      l.set(Integer.parseInt(edits[i]) - 1, edits[i + 1]);
    }
    return String.join("\n", l) + "\n";
  }

  RevCommit commit(Git git, String text, String message) throws Exception {
    Path file = dir.resolve("repo").resolve(FILE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    git.add().addFilepattern(".").call();
    return git.commit().setMessage(message).setSign(false).call();
  }

  /**
   * A repository whose best has moved under a queued patch: the patch changes line 7 of the base;
   * the kept commit changed {@code keptLine} (line 5 lies in the patch's context).
   */
  PatchQueueProposer queueOverAMovedBest(String keptLine, String keptText) throws Exception {
    Path repo = dir.resolve("repo");
    Path queue = dir.resolve("queue");
    Files.createDirectories(queue);
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      RevCommit base = commit(git, lines(), "base");
      RevCommit patched = commit(git, lines("7", "int v7 = 70;"), "patched");
      ByteArrayOutputStream diff = new ByteArrayOutputStream();
      try (DiffFormatter f = new DiffFormatter(diff)) {
        f.setRepository(git.getRepository());
        f.format(base.getTree(), patched.getTree());
      }
      Files.writeString(
          queue.resolve("01-seventy.diff"),
          "Subject: Seventy\n\n" + diff.toString(StandardCharsets.UTF_8));
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef(base.name()).call();
      commit(git, lines(keptLine, keptText), "an earlier keep");
    }
    return PatchQueueProposer.load(queue, repo);
  }

  Proposal proposeFirst(PatchQueueProposer proposer) throws Exception {
    Path repo = dir.resolve("repo");
    return proposer.propose(
        new ProposalRequest(
            1,
            0,
            repo,
            "best",
            "",
            dir.resolve("p.md"),
            dir.resolve("ideas.md"),
            Duration.ofMinutes(1)));
  }

  @Test
  void aPatchWhoseContextAnEarlierKeepChangedAppliesThreeWay() throws Exception {
    PatchQueueProposer proposer = queueOverAMovedBest("5", "int v5 = 50;");
    Proposal p = proposeFirst(proposer);
    assertThat(p.outcome()).as(p.problem()).isEqualTo(Proposal.Outcome.CHANGED);
    assertThat(p.hypothesis()).contains("01-seventy.diff").contains("applied three-way");
    assertThat(p.source()).isEqualTo("01-seventy.diff");
    assertThat(dir.resolve("repo").resolve(FILE))
        .content()
        .isEqualTo(lines("5", "int v5 = 50;", "7", "int v7 = 70;"));
  }

  @Test
  void aPatchThatConflictsWithAnEarlierKeepIsInvalidAndSaysWhy() throws Exception {
    PatchQueueProposer proposer = queueOverAMovedBest("7", "int v7 = 700;");
    Proposal p = proposeFirst(proposer);
    assertThat(p.outcome()).isEqualTo(Proposal.Outcome.INVALID);
    assertThat(p.problem())
        .startsWith("01-seventy.diff does not apply on the current best: ")
        .endsWith("nor three-way: conflicting changes in src/A.java");
    assertThat(p.source()).isEqualTo("01-seventy.diff");
    assertThat(dir.resolve("repo").resolve(FILE))
        .as("no conflict markers written")
        .content()
        .isEqualTo(lines("7", "int v7 = 700;"));
  }
}

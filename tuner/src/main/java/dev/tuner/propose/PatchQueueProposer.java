package dev.tuner.propose;

import dev.tuner.log.ProposerInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Proposes a queue of prepared changes in order, each applied on top of the current best: the
 * unified diffs ({@code *.diff}, {@code *.patch}) of a directory in name order, or the commits
 * listed in its {@code refs.txt} (each one's diff against its parent). A diff's {@code Subject:}
 * line is its description. A diff that no longer applies as it stands (earlier keeps changed its
 * context) is tried three-way before it is called invalid ({@link PatchApply}).
 */
public final class PatchQueueProposer implements Proposer {

  private final List<Item> queue;

  private PatchQueueProposer(List<Item> queue) {
    this.queue = List.copyOf(queue);
  }

  /** One queued change: where it came from, its description, and its diff text. */
  record Item(String source, String description, String diff) {}

  /** Reads the queue from {@code dir}; refs in {@code refs.txt} are resolved in {@code repo}. */
  public static PatchQueueProposer load(Path dir, Path repo) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("patch queue " + dir + " is not a directory");
    }
    List<Item> items = new ArrayList<>();
    Path refs = dir.resolve("refs.txt");
    if (Files.exists(refs)) {
      for (String line : Files.readAllLines(refs)) {
        String ref = line.strip();
        if (!ref.isEmpty() && !ref.startsWith("#")) {
          items.add(fromRef(repo, ref));
        }
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".diff") || f.toString().endsWith(".patch"))
              .sorted()
              .toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        items.add(
            new Item(
                file.getFileName().toString(), subject(text, file.getFileName().toString()), text));
      }
    }
    if (items.isEmpty()) {
      throw new IOException("patch queue " + dir + " holds no *.diff, *.patch or refs.txt entries");
    }
    return new PatchQueueProposer(items);
  }

  @Override
  public String kind() {
    return "patches";
  }

  @Override
  public boolean finiteQueue() {
    return true;
  }

  public int size() {
    return queue.size();
  }

  @Override
  public Proposal propose(ProposalRequest request) throws IOException {
    ProposerInfo info = ProposerInfo.of(kind());
    if (request.attempt() >= queue.size()) {
      return Proposal.exhausted(info);
    }
    Item item = queue.get(request.attempt());
    PatchApply.Result applied = PatchApply.apply(request.root(), item.diff());
    if (!applied.applied()) {
      return Proposal.invalid(
              item.description(),
              item.source() + " does not apply on the current best: " + applied.problem(),
              info,
              null)
          .withSource(item.source());
    }
    return Proposal.changed(
            item.description(),
            "from the patch queue: "
                + item.source()
                + (applied.threeWay()
                    ? " (applied three-way: earlier keeps had changed its context)"
                    : ""),
            info,
            null)
        .withSource(item.source());
  }

  /** The {@code Subject:} line of a format-patch style header, else the file name. */
  static String subject(String text, String fallback) {
    for (String line : text.lines().limit(20).toList()) {
      if (line.startsWith("Subject:")) {
        return line.substring("Subject:".length())
            .replaceFirst("^\\s*(\\[PATCH[^]]*]\\s*)?", "")
            .strip();
      }
      if (line.startsWith("diff --git")) {
        break;
      }
    }
    return fallback;
  }

  private static Item fromRef(Path repoDir, String ref) throws IOException {
    try (Git git = Git.open(repoDir.toFile())) {
      Repository repository = git.getRepository();
      ObjectId id = repository.resolve(ref);
      if (id == null) {
        throw new IOException("refs.txt: no such revision '" + ref + "'");
      }
      try (RevWalk walk = new RevWalk(repository)) {
        RevCommit commit = walk.parseCommit(id);
        if (commit.getParentCount() != 1) {
          throw new IOException("refs.txt: " + ref + " must have exactly one parent");
        }
        RevCommit parent = walk.parseCommit(commit.getParent(0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(out)) {
          formatter.setRepository(repository);
          formatter.format(parent.getTree(), commit.getTree());
        }
        return new Item(ref, commit.getShortMessage(), out.toString(StandardCharsets.UTF_8));
      }
    }
  }
}

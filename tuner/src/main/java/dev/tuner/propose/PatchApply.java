package dev.tuner.propose;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.patch.Patch;
import org.eclipse.jgit.patch.PatchApplier;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A unified diff applied to the working tree, as {@code git apply -3} does: as it stands first;
 * when the tree has moved under it (earlier keeps changed its context), three-way from the blobs
 * its {@code index} lines name: the patch applied to its own base, then merged with the tree's
 * version (JGit's merge, the histogram diff). Applies whole or reports why not; a conflict is not
 * written.
 */
public final class PatchApply {

  private PatchApply() {}

  /**
   * How the diff went in.
   *
   * @param threeWay whether it needed the three-way merge
   * @param problem why it did not apply; null when it did
   */
  public record Result(boolean threeWay, String problem) {
    public boolean applied() {
      return problem == null;
    }
  }

  /** Applies {@code diff} to the working tree of the repository at {@code root} (HEAD clean). */
  public static Result apply(Path root, String diff) throws IOException {
    byte[] bytes = diff.getBytes(StandardCharsets.UTF_8);
    try (Git git = Git.open(root.toFile())) {
      try {
        git.apply().setPatch(new ByteArrayInputStream(bytes)).call();
        return new Result(false, null);
      } catch (GitAPIException | RuntimeException e) {
        String plain = e.getMessage();
        String why;
        try {
          why = threeWay(git.getRepository(), root, bytes);
        } catch (IOException | RuntimeException e3) {
          why = e3.getMessage();
        }
        return why == null
            ? new Result(true, null)
            : new Result(false, plain + "; nor three-way: " + why);
      }
    }
  }

  /** One file's outcome of the merge: its new text, or null to delete it. */
  private record Write(String path, byte[] content) {}

  /** Why the three-way apply failed; null when it wrote the merged files. */
  private static String threeWay(Repository repo, Path root, byte[] bytes) throws IOException {
    Patch patch = new Patch();
    patch.parse(new ByteArrayInputStream(bytes));
    if (!patch.getErrors().isEmpty()) {
      return "the patch does not parse: " + patch.getErrors().get(0).getMessage();
    }
    try (RevWalk walk = new RevWalk(repo);
        ObjectReader reader = repo.newObjectReader();
        ObjectInserter inserter = repo.newObjectInserter()) {
      ObjectId headId = repo.resolve("HEAD^{commit}");
      if (headId == null) {
        return "the repository has no HEAD commit";
      }
      RevTree head = walk.parseCommit(headId).getTree();
      // The patch's own base: the blobs its index lines name, as one tree.
      Map<String, ObjectId> bases = new LinkedHashMap<>();
      DirCache dc = DirCache.newInCore();
      DirCacheBuilder builder = dc.builder();
      for (FileHeader f : patch.getFiles()) {
        if (f.getPatchType() != FileHeader.PatchType.UNIFIED) {
          return f.getOldPath() + " is a binary change";
        }
        if (f.getChangeType() == DiffEntry.ChangeType.ADD) {
          continue;
        }
        AbbreviatedObjectId abbreviated = f.getOldId();
        if (abbreviated == null) {
          return "the patch names no base version of " + f.getOldPath() + " (no index line)";
        }
        Collection<ObjectId> found = reader.resolve(abbreviated);
        if (found.size() != 1) {
          return "the base version of "
              + f.getOldPath()
              + " ("
              + abbreviated.name()
              + ") is not in this repository";
        }
        ObjectId base = found.iterator().next();
        bases.put(f.getOldPath(), base);
        DirCacheEntry entry = new DirCacheEntry(f.getOldPath());
        entry.setFileMode(FileMode.REGULAR_FILE);
        entry.setObjectId(base);
        builder.add(entry);
      }
      builder.finish();
      RevTree baseTree = walk.parseTree(dc.writeTree(inserter));
      inserter.flush();
      PatchApplier.Result theirs = new PatchApplier(repo, baseTree, inserter).applyPatch(patch);
      if (!theirs.getErrors().isEmpty()) {
        return "it does not apply to its own base either: " + theirs.getErrors().get(0);
      }
      inserter.flush();
      RevTree theirsTree = walk.parseTree(theirs.getTreeId());

      List<Write> writes = new ArrayList<>();
      for (FileHeader f : patch.getFiles()) {
        String oldPath = f.getOldPath();
        String newPath = f.getNewPath();
        switch (f.getChangeType()) {
          case ADD -> {
            byte[] t = read(repo, theirsTree, newPath);
            byte[] o = read(repo, head, newPath);
            if (o != null && !Arrays.equals(o, t)) {
              return newPath + " exists already with other content";
            }
            writes.add(new Write(newPath, t));
          }
          case DELETE -> {
            byte[] o = read(repo, head, oldPath);
            if (o != null && !Arrays.equals(o, reader.open(bases.get(oldPath)).getBytes())) {
              return oldPath + " changed since the patch was made, which deletes it";
            }
            writes.add(new Write(oldPath, null));
          }
          default -> {
            byte[] o = read(repo, head, oldPath);
            if (o == null) {
              return oldPath + " is gone from the current best";
            }
            byte[] b = reader.open(bases.get(oldPath)).getBytes();
            byte[] t = read(repo, theirsTree, newPath);
            byte[] merged = merge(b, o, t);
            if (merged == null) {
              return "conflicting changes in " + oldPath;
            }
            if (f.getChangeType() == DiffEntry.ChangeType.RENAME) {
              writes.add(new Write(oldPath, null));
            }
            writes.add(new Write(newPath, merged));
          }
        }
      }
      for (Write w : writes) {
        Path file = root.resolve(w.path());
        if (w.content() == null) {
          Files.deleteIfExists(file);
        } else {
          Files.createDirectories(file.getParent());
          Files.write(file, w.content());
        }
      }
      return null;
    }
  }

  /** The text of {@code path} in {@code tree}, or null when it has none. */
  private static byte[] read(Repository repo, RevTree tree, String path) throws IOException {
    try (TreeWalk tw = TreeWalk.forPath(repo, path, tree)) {
      return tw == null ? null : repo.open(tw.getObjectId(0)).getBytes();
    }
  }

  /** The clean merge of {@code ours} and {@code theirs} from {@code base}; null on a conflict. */
  private static byte[] merge(byte[] base, byte[] ours, byte[] theirs) throws IOException {
    if (RawText.isBinary(base) || RawText.isBinary(ours) || RawText.isBinary(theirs)) {
      return null;
    }
    MergeResult<RawText> result =
        new MergeAlgorithm(DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM))
            .merge(
                RawTextComparator.DEFAULT,
                new RawText(base),
                new RawText(ours),
                new RawText(theirs));
    if (result.containsConflicts()) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new MergeFormatter()
        .formatMerge(out, result, List.of("base", "ours", "theirs"), StandardCharsets.UTF_8);
    return out.toByteArray();
  }
}

package dev.tuner.scope;

import dev.tuner.harness.fixture.Sha256;
import dev.tuner.spec.Scope;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * sha256 of every frozen file (fixtures, goldens, tuner.yaml, the harness, the benchmarks…), taken
 * before the run and checked before each try: tampering is caught even where git does not look
 * (ignored files, a file changed and changed back).
 */
public final class FrozenFiles {

  private static final Set<String> NEVER = Set.of(".git", ".tuner", "target");

  private final Path root;
  private final Scope scope;
  private final SortedMap<String, String> hashes;

  private FrozenFiles(Path root, Scope scope, SortedMap<String, String> hashes) {
    this.root = root;
    this.scope = scope;
    this.hashes = hashes;
  }

  public static FrozenFiles snapshot(Path root, Scope scope) throws IOException {
    return new FrozenFiles(root, scope, hash(root, scope));
  }

  /** Frozen files that changed, appeared or disappeared since the snapshot. */
  public List<String> changes() throws IOException {
    SortedMap<String, String> now = hash(root, scope);
    List<String> changed = new ArrayList<>();
    for (Map.Entry<String, String> e : hashes.entrySet()) {
      if (!e.getValue().equals(now.get(e.getKey()))) {
        changed.add(e.getKey());
      }
    }
    now.keySet().stream().filter(k -> !hashes.containsKey(k)).forEach(changed::add);
    return changed;
  }

  private static SortedMap<String, String> hash(Path root, Scope scope) throws IOException {
    SortedMap<String, String> out = new TreeMap<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(root) && NEVER.contains(dir.getFileName().toString())
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String rel = root.relativize(file).toString().replace('\\', '/');
            if (scope.isFrozen(rel) && !rel.endsWith(".received.json")) {
              out.put(rel, Sha256.hex(Files.readAllBytes(file)));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return out;
  }
}

package dev.tuner.init;

import dev.tuner.error.UsageException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code --cases GLOB}: one case per matching file, sorted by path. The id is the file's name
 * without its extension; a file whose name starts with {@code holdout} is held out.
 */
final class CaseFiles {

  /** One case made from a file. */
  record Case(String id, String file, boolean holdout) {}

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  /** Directories no case file lives in: build output and tool state. */
  private static final Set<String> SKIPPED = Set.of(".git", ".tuner", "target", "build", ".gradle");

  private CaseFiles() {}

  /** The cases for the files under {@code dir} that {@code glob} (relative to dir) matches. */
  static List<Case> find(Path dir, String glob) throws UsageException, IOException {
    if (glob.isBlank()
        || glob.startsWith("/")
        || Path.of(glob.replace("*", "x").replace("?", "x")).isAbsolute()) {
      throw new UsageException(
          "--cases '" + glob + "': give a glob relative to the project directory");
    }
    for (String part : glob.split("/")) {
      if (part.equals("..")) {
        throw new UsageException(
            "--cases '" + glob + "': the case files must be inside the project directory");
      }
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    Path start = dir.resolve(literalPrefix(glob));
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(start)) {
      Files.walkFileTree(
          start,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
              return !d.equals(start) && SKIPPED.contains(d.getFileName().toString())
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && matcher.matches(dir.relativize(file))) {
                files.add(dir.relativize(file));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    }
    if (files.isEmpty()) {
      throw new UsageException(
          "--cases '" + glob + "': no file matches (the glob is relative to " + dir + ")");
    }
    files.sort(Comparator.comparing(CaseFiles::slashed));
    Map<String, String> fileById = new LinkedHashMap<>();
    List<Case> cases = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      int dot = name.lastIndexOf('.');
      String id = dot > 0 ? name.substring(0, dot) : name;
      if (!ID.matcher(id).matches()) {
        throw new UsageException(
            "--cases '"
                + glob
                + "': "
                + slashed(file)
                + " would be case '"
                + id
                + "', but a case id holds only letters, digits, '-', '_', '.'; rename the file");
      }
      String other = fileById.putIfAbsent(id, slashed(file));
      if (other != null) {
        throw new UsageException(
            "--cases '"
                + glob
                + "': "
                + other
                + " and "
                + slashed(file)
                + " would both be case '"
                + id
                + "'; rename one or narrow the glob");
      }
      cases.add(new Case(id, slashed(file), name.startsWith("holdout")));
    }
    return List.copyOf(cases);
  }

  /** The directories of the glob before its first wildcard: where the walk starts. */
  static String literalPrefix(String glob) {
    String[] parts = glob.split("/");
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].chars().anyMatch(c -> "*?[{\\".indexOf(c) >= 0)) {
        break;
      }
      prefix.append(parts[i]).append('/');
    }
    return prefix.toString();
  }

  private static String slashed(Path relative) {
    return relative.toString().replace('\\', '/');
  }
}

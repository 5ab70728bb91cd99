package dev.tuner.mcp;

/**
 * The paths a unified diff writes, checked before it is applied: the scope stage judges paths in
 * the work tree, but git's own directory, tuner's state and paths that climb out of the repository
 * are never the work tree's, so a diff naming them is refused before it touches anything.
 */
final class DiffPaths {

  private DiffPaths() {}

  /** The first path the diff would write outside the work tree; null when there is none. */
  static String escaping(String diff) {
    for (String line : diff.lines().toList()) {
      String path = null;
      if (line.startsWith("+++ ") || line.startsWith("--- ")) {
        path = line.substring(4).strip();
        if (path.equals("/dev/null")) {
          continue;
        }
        path = path.replaceFirst("^[ab]/", "");
      } else if (line.startsWith("rename to ") || line.startsWith("copy to ")) {
        path = line.substring(line.indexOf(" to ") + 4).strip();
      }
      if (path != null && outside(path)) {
        return path;
      }
    }
    return null;
  }

  private static boolean outside(String path) {
    String p = path.replace('\\', '/');
    return p.startsWith("/")
        || p.equals("..")
        || p.startsWith("../")
        || p.contains("/../")
        || p.startsWith(".git/")
        || p.startsWith(".tuner/");
  }
}

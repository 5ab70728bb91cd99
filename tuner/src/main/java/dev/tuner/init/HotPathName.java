package dev.tuner.init;

import java.nio.file.Path;
import javax.lang.model.SourceVersion;

/**
 * The adapter's fully qualified class name ({@code --hot-path}): a package and a simple name, each
 * part a Java identifier that is not a keyword.
 */
public record HotPathName(String packageName, String simpleName) {

  /** Reads {@code com.example.SearchHotPath}; the message names what is wrong with the value. */
  public static HotPathName parse(String fqcn) {
    if (!SourceVersion.isName(fqcn, SourceVersion.RELEASE_17)) {
      throw new IllegalArgumentException(
          "'"
              + fqcn
              + "' is not a fully qualified Java class name (like com.example.SearchHotPath)");
    }
    int dot = fqcn.lastIndexOf('.');
    if (dot < 0) {
      throw new IllegalArgumentException(
          "'" + fqcn + "' has no package; name one, like com.example." + fqcn);
    }
    return new HotPathName(fqcn.substring(0, dot), fqcn.substring(dot + 1));
  }

  public String fqcn() {
    return packageName + "." + simpleName;
  }

  /** The source file under a source root: {@code com/example/SearchHotPath.java}. */
  Path sourceFile(Path sourceRoot) {
    return sourceRoot.resolve(packageName.replace('.', '/')).resolve(simpleName + ".java");
  }
}

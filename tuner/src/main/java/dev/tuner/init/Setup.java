package dev.tuner.init;

import java.util.List;

/**
 * Everything the templates need, resolved from the request and the project.
 *
 * @param build the detected build
 * @param module the module's directory relative to the project, slash-separated; empty for the root
 * @param gradleBuildFile the Gradle build file the snippet goes into, relative to the project; null
 *     for Maven
 * @param gradleCommand the build command for Gradle; null for Maven
 * @param classpathFile the class path file the Gradle command writes; null for Maven
 * @param cases the cases from {@code --cases}; empty without it
 */
record Setup(
    BuildTool.Detected build,
    String module,
    String name,
    String objective,
    HotPathName hotPath,
    List<UpstreamArg> upstreams,
    String casesGlob,
    List<CaseFiles.Case> cases,
    List<String> scope,
    String gradleBuildFile,
    String gradleCommand,
    String classpathFile,
    String harnessVersion) {

  boolean maven() {
    return build.tool() == BuildTool.MAVEN;
  }

  /** The module's directory with a trailing slash, or nothing for the root. */
  String prefix() {
    return module.isEmpty() ? "" : module + "/";
  }

  /** Where the adapter goes, relative to the project. */
  String adapterFile() {
    return adapterFile(prefix(), hotPath);
  }

  static String adapterFile(String prefix, HotPathName hotPath) {
    return prefix
        + "src/test/java/"
        + hotPath.packageName().replace('.', '/')
        + "/"
        + hotPath.simpleName()
        + ".java";
  }

  long holdouts() {
    return cases.stream().filter(CaseFiles.Case::holdout).count();
  }
}

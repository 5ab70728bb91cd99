package dev.tuner.init;

import dev.tuner.error.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plans {@code tuner init}: detects the build, checks that nothing would be overwritten, and
 * renders every file, all before anything is written ({@link InitPlan#write} does that).
 */
public final class Init {

  private static final Pattern GRADLE_NAME =
      Pattern.compile("rootProject\\.name\\s*=\\s*[\"']([^\"']+)[\"']");

  private Init() {}

  /**
   * Everything init would write for {@code request}; refuses (exit 2) with every problem found that
   * the user must fix first.
   */
  public static InitPlan plan(InitRequest request) throws UsageException, IOException {
    Path dir = request.dir().toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new UsageException("--dir " + request.dir() + ": no such directory");
    }
    BuildTool.Detected build =
        BuildTool.detect(dir)
            .orElseThrow(
                () ->
                    new UsageException(
                        dir
                            + ": no pom.xml, build.gradle(.kts) or settings.gradle(.kts) here;"
                            + " tuner init sets up a Maven or Gradle project (run it in the"
                            + " project's root, or pass --dir)"));
    String module = module(dir, request.module(), build);
    Set<String> upstreamNames = new HashSet<>();
    for (UpstreamArg u : request.upstreams()) {
      if (!upstreamNames.add(u.name())) {
        throw new UsageException("--upstream " + u.name() + ": given twice");
      }
    }
    String prefix = module.isEmpty() ? "" : module + "/";
    String adapterFile = Setup.adapterFile(prefix, request.hotPath());

    // Nothing is overwritten: every file that is in the way is named at once.
    List<String> inTheWay = new ArrayList<>();
    for (String file : List.of("tuner.yaml", adapterFile)) {
      if (Files.exists(dir.resolve(file))) {
        inTheWay.add(file);
      }
    }
    if (!inTheWay.isEmpty()) {
      throw new UsageException(
          "refusing to overwrite "
              + String.join(", ", inTheWay)
              + " in "
              + dir
              + "; nothing was written (move "
              + (inTheWay.size() == 1 ? "it" : "them")
              + " away to start over)");
    }
    String mainSource =
        prefix + "src/main/java/" + adapterFile.substring((prefix + "src/test/java/").length());
    if (Files.exists(dir.resolve(mainSource))) {
      throw new UsageException(
          "--hot-path "
              + request.hotPath().fqcn()
              + ": "
              + mainSource
              + " already defines that class; name the adapter differently (like "
              + request.hotPath().fqcn()
              + "Adapter)");
    }

    // Maven: the POM the dependency goes into, read (and checked) before anything is written.
    PomEdit pom = null;
    if (build.tool() == BuildTool.MAVEN) {
      String pomFile = prefix + "pom.xml";
      pom = PomEdit.read(pomFile, Files.readAllBytes(dir.resolve(pomFile)));
      if (pom.packaging().equals("pom")) {
        throw new UsageException(
            pomFile
                + " is a parent POM (packaging pom"
                + (pom.modules().isEmpty() ? "" : ", modules " + pom.modules())
                + "): pass --module DIR, the module that holds the hot path");
      }
    }

    List<CaseFiles.Case> cases =
        request.casesGlob() == null ? List.of() : CaseFiles.find(dir, request.casesGlob());
    List<String> scope =
        request.scope().isEmpty() ? List.of(prefix + "src/main/java/**") : request.scope();
    String name =
        request.name() != null
            ? request.name()
            : projectName(dir, build, pom).orElse(dir.getFileName().toString());
    String objective =
        request.objective() != null
            ? request.objective()
            : "Make the code behind "
                + request.hotPath().simpleName()
                + " faster (p50 and p95 latency per case under replay) without changing its output"
                + " or the calls it makes to its upstreams.";
    String gradleBuildFile = null;
    String gradleCommand = null;
    String classpathFile = null;
    if (build.tool() == BuildTool.GRADLE) {
      gradleBuildFile = gradleBuildFile(dir, prefix, build.kotlin());
      String gradle = Files.isRegularFile(dir.resolve("gradlew")) ? "./gradlew" : "gradle";
      String project = module.isEmpty() ? "" : ":" + module.replace('/', ':') + ":";
      gradleCommand = gradle + " -q " + project + "testClasses " + project + "tunerClasspath";
      classpathFile = prefix + "build/tuner.classpath";
    }
    Setup setup =
        new Setup(
            build,
            module,
            name,
            objective,
            request.hotPath(),
            request.upstreams(),
            request.casesGlob(),
            cases,
            scope,
            gradleBuildFile,
            gradleCommand,
            classpathFile,
            request.harnessVersion());

    List<InitPlan.Change> changes = new ArrayList<>();
    changes.add(
        InitPlan.Change.create(
            "tuner.yaml",
            SpecTemplate.render(setup).getBytes(StandardCharsets.UTF_8),
            specNote(setup)));
    changes.add(
        InitPlan.Change.create(
            setup.adapterFile(),
            AdapterTemplate.render(setup).getBytes(StandardCharsets.UTF_8),
            "the adapter; its run() throws until filled in"));
    if (pom != null) {
      if (pom.hasHarness()) {
        changes.add(
            InitPlan.Change.unchanged(
                pom.file(), "it already depends on " + PomEdit.GROUP + ":" + PomEdit.ARTIFACT));
      } else {
        changes.add(
            InitPlan.Change.edit(
                pom.file(),
                pom.withHarness(request.harnessVersion()),
                PomEdit.GROUP
                    + ":"
                    + PomEdit.ARTIFACT
                    + ":"
                    + request.harnessVersion()
                    + ", test scope"));
      }
    }
    Path gitignore = dir.resolve(".gitignore");
    String existing =
        Files.isRegularFile(gitignore) ? Files.readString(gitignore, StandardCharsets.UTF_8) : null;
    List<String> missing = GitIgnore.missing(existing);
    if (missing.isEmpty()) {
      changes.add(
          InitPlan.Change.unchanged(
              ".gitignore", "it already ignores " + String.join(" and ", GitIgnore.LINES)));
    } else {
      byte[] content = GitIgnore.append(existing, missing).getBytes(StandardCharsets.UTF_8);
      String note = String.join(", ", missing);
      changes.add(
          existing == null
              ? InitPlan.Change.create(".gitignore", content, note)
              : InitPlan.Change.edit(".gitignore", content, note));
    }
    String snippet =
        build.tool() == BuildTool.GRADLE
            ? GradleSnippet.render(gradleBuildFile.endsWith(".kts"), request.harnessVersion())
            : null;
    Path workingDir = request.workingDir().toAbsolutePath().normalize();
    return new InitPlan(
        dir, setup, changes, snippet, workingDir.equals(dir) ? null : dir.toString());
  }

  private static String module(Path dir, String module, BuildTool.Detected build)
      throws UsageException {
    if (module == null) {
      return "";
    }
    String m = module.replace('\\', '/').replaceAll("/+$", "");
    Path resolved = dir.resolve(m).normalize();
    if (m.isEmpty()
        || Path.of(m).isAbsolute()
        || !resolved.startsWith(dir)
        || resolved.equals(dir)) {
      throw new UsageException(
          "--module " + module + ": give a directory inside the project, relative to it");
    }
    if (!Files.isDirectory(resolved)) {
      throw new UsageException("--module " + module + ": no such directory in " + dir);
    }
    if (build.tool() == BuildTool.MAVEN && !Files.isRegularFile(resolved.resolve("pom.xml"))) {
      throw new UsageException("--module " + module + ": no pom.xml in " + resolved);
    }
    return dir.relativize(resolved).toString().replace('\\', '/');
  }

  private static Optional<String> projectName(Path dir, BuildTool.Detected build, PomEdit pom)
      throws IOException {
    if (pom != null) {
      return pom.artifactId();
    }
    for (String settings : List.of("settings.gradle.kts", "settings.gradle")) {
      Path file = dir.resolve(settings);
      if (Files.isRegularFile(file)) {
        Matcher m = GRADLE_NAME.matcher(Files.readString(file, StandardCharsets.UTF_8));
        if (m.find()) {
          return Optional.of(m.group(1));
        }
      }
    }
    return Optional.empty();
  }

  /** The Gradle build file of the module (the root's when no module), existing or to create. */
  private static String gradleBuildFile(Path dir, String prefix, boolean kotlin) {
    for (String file : List.of("build.gradle.kts", "build.gradle")) {
      if (Files.isRegularFile(dir.resolve(prefix + file))) {
        return prefix + file;
      }
    }
    return prefix + (kotlin ? "build.gradle.kts" : "build.gradle");
  }

  private static String specNote(Setup s) {
    int n = s.upstreams().size();
    String upstreams = n == 0 ? "no upstream yet" : n + " upstream" + (n == 1 ? "" : "s");
    if (s.cases().isEmpty()) {
      return upstreams + ", one placeholder case";
    }
    int c = s.cases().size();
    long holdouts = s.holdouts();
    return upstreams
        + ", "
        + c
        + " case"
        + (c == 1 ? "" : "s")
        + (holdouts == 0 ? "" : " (" + holdouts + " held out)");
  }
}

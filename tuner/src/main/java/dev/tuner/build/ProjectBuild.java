package dev.tuner.build;

import dev.tuner.io.Classpath;
import dev.tuner.io.Processes;
import dev.tuner.log.Ansi;
import dev.tuner.spec.BuildSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The spec's build on a working tree, and the class path it gives the hot path: tuner's runner
 * first, then what the build produced (see {@link BuildSpec} for the three ways).
 */
public final class ProjectBuild {

  /** Where tuner's Maven build writes a module's test class path, relative to the module. */
  static final String MAVEN_CLASSPATH = "target/tuner.classpath";

  /** Pinned, so a project that pins no dependency plugin gets the same goal everywhere. */
  private static final String BUILD_CLASSPATH =
      "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath";

  /** Directories that never feed a build: outputs, run state, recorded evidence. */
  private static final Set<String> SKIPPED =
      Set.of(".git", ".tuner", "target", "fixtures", "goldens", "node_modules", ".idea");

  private static final int LOG_TAIL_LINES = 30;

  /**
   * The project's own checks that change no byte of its classes: a benchmark build skips them, so a
   * try costs the compile alone and an unformatted proposal is measured, not refused (the project's
   * CI still runs them on what is kept). Each is the plugin's documented skip property.
   */
  static final List<String> SKIPPED_CHECKS =
      List.of(
          "-Denforcer.skip=true",
          "-Dspotless.check.skip=true",
          "-Dcheckstyle.skip=true",
          "-Dpmd.skip=true",
          "-Dcpd.skip=true",
          "-Dspotbugs.skip=true",
          "-Djacoco.skip=true",
          "-Drat.skip=true",
          "-Dlicense.skip=true",
          "-Dmaven.javadoc.skip=true");

  private ProjectBuild() {}

  /**
   * The tree's class path, building first when the build's output is missing or older than any
   * source file, so every command runs on what the tree holds now; build output goes to {@code
   * log}.
   */
  public static Classpath ensure(Path root, BuildSpec build, PrintWriter log)
      throws BuildFailedException, IOException {
    Path marker = marker(root, build);
    if (Files.exists(marker) && !newerSourceExists(root, Files.getLastModifiedTime(marker))) {
      return produced(root, build);
    }
    log.println("building: " + command(root, build, true));
    log.flush();
    Path output = Files.createTempFile("tuner-build", ".log");
    try {
      Processes.Outcome outcome = run(root, build, output);
      if (!outcome.ok()) {
        throw new BuildFailedException(describeFailure(root, build, outcome));
      }
    } finally {
      Files.deleteIfExists(output);
    }
    return produced(root, build);
  }

  /**
   * Runs the build in {@code dir} with its timeout, output to {@code log}. Maven runs offline
   * first, and online only when offline lacked an artifact. A build that fails, times out or is
   * interrupted leaves no output that says it is done (the artifact or class path file): one it
   * wrote before failing would be newer than every source, and {@link #ensure} would take it as up
   * to date.
   */
  public static Processes.Outcome run(Path dir, BuildSpec build, Path log)
      throws IOException, BuildFailedException {
    if (build.maven() && !Files.isRegularFile(module(dir, build).resolve("pom.xml"))) {
      throw new BuildFailedException(
          "no pom.xml in "
              + module(dir, build)
              + (build.module() == null ? "" : " (build.module)")
              + ": without build.command tuner builds with Maven; for another build tool give"
              + " build.command and build.classpathFile (or build.artifact) in tuner.yaml");
    }
    Duration timeout = Duration.ofSeconds(build.timeoutSeconds());
    Processes.Outcome outcome;
    try {
      outcome = Processes.shell(command(dir, build, true), dir, Map.of(), timeout, log);
      if (build.maven() && !outcome.ok() && !outcome.timedOut() && neededTheNetwork(outcome)) {
        outcome = Processes.shell(command(dir, build, false), dir, Map.of(), timeout, log);
      }
    } catch (IOException e) {
      Files.deleteIfExists(marker(dir, build));
      throw e;
    }
    if (!outcome.ok()) {
      Files.deleteIfExists(marker(dir, build));
    }
    return outcome;
  }

  /**
   * The class path of what the build produced in {@code dir}, tuner's runner first.
   *
   * @throws BuildFailedException when the build's output is missing
   */
  public static Classpath produced(Path dir, BuildSpec build)
      throws BuildFailedException, IOException {
    Path marker = marker(dir, build);
    if (!Files.exists(marker)) {
      throw new BuildFailedException(
          "the build succeeded but produced no "
              + (build.artifact() != null ? "artifact" : "class path file")
              + " at "
              + marker
              + (build.maven()
                  ? ""
                  : build.artifact() != null ? " (build.artifact)" : " (build.classpathFile)"));
    }
    List<Path> entries = new ArrayList<>();
    if (build.artifact() != null) {
      entries.add(marker);
    } else {
      if (build.maven()) {
        Path module = module(dir, build);
        entries.add(module.resolve("target/test-classes"));
        entries.add(module.resolve("target/classes"));
      }
      String text = Files.readString(marker, StandardCharsets.UTF_8);
      if (!text.isBlank()) {
        entries.addAll(Classpath.parse(text, dir).entries());
      }
    }
    // As java -cp has it; Maven also names the classes directory of a module without sources,
    // which it never creates.
    entries.removeIf(e -> !Files.exists(e));
    entries.add(0, RunnerJar.path());
    return new Classpath(entries);
  }

  /** The shell command the build runs in {@code dir}: the spec's, or tuner's Maven build. */
  public static String command(Path dir, BuildSpec build, boolean offline) {
    if (!build.maven()) {
      return build.command();
    }
    List<String> words = new ArrayList<>();
    words.add(Files.isExecutable(dir.resolve("mvnw")) ? "./mvnw" : "mvn");
    words.addAll(List.of("-B", "-q", "-Dstyle.color=never"));
    words.addAll(SKIPPED_CHECKS);
    if (offline) {
      words.add("-o");
    }
    if (build.module() != null) {
      words.addAll(List.of("-pl", quoted(build.module()), "-am"));
    }
    words.addAll(
        List.of(
            "test-compile",
            BUILD_CLASSPATH,
            "-Dmdep.outputFile=" + MAVEN_CLASSPATH,
            "-Dmdep.includeScope=test"));
    return String.join(" ", words);
  }

  /** What went wrong with a build, with the tail of its output. */
  public static String describeFailure(Path dir, BuildSpec build, Processes.Outcome outcome) {
    String command = command(dir, build, false);
    if (outcome.timedOut()) {
      return "the build ran past " + build.timeoutSeconds() + " s and was killed: " + command;
    }
    return "the build failed (exit "
        + outcome.exitCode()
        + "): "
        + command
        + "\n"
        + Ansi.strip(outcome.tail(LOG_TAIL_LINES))
            .lines()
            .map(l -> "  | " + l)
            .collect(Collectors.joining("\n"));
  }

  /** The file whose presence and time say the build is done: artifact or class path file. */
  static Path marker(Path dir, BuildSpec build) {
    if (build.artifact() != null) {
      return dir.resolve(build.artifact());
    }
    if (build.classpathFile() != null) {
      return dir.resolve(build.classpathFile());
    }
    return module(dir, build).resolve(MAVEN_CLASSPATH);
  }

  private static Path module(Path dir, BuildSpec build) {
    return build.module() == null ? dir : dir.resolve(build.module());
  }

  /** Whether an offline Maven build failed for want of something it never downloaded. */
  private static boolean neededTheNetwork(Processes.Outcome outcome) {
    String output = outcome.output();
    return output.contains("offline mode") || output.contains("has not been downloaded from it");
  }

  private static String quoted(String word) {
    return word.matches("[\\w./:=@,+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }

  private static boolean newerSourceExists(Path root, FileTime than) throws IOException {
    boolean[] found = {false};
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(root) && SKIPPED.contains(dir.getFileName().toString())
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.lastModifiedTime().compareTo(than) > 0) {
              found[0] = true;
              return FileVisitResult.TERMINATE;
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return found[0];
  }
}

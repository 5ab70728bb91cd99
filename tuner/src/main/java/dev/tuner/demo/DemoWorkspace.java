package dev.tuner.demo;

import dev.tuner.error.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The demo's own git repository: a clone of the user's repository at HEAD, whose tuner.yaml points
 * at the demo's upstream. Everything the demo commits lands here, never in the user's repository.
 */
public final class DemoWorkspace {

  /** The live base URL the bundled example's tuner.yaml names. */
  static final String EXAMPLE_URL = "http://127.0.0.1:18080/";

  private static final PersonIdent DEMO = new PersonIdent("tuner demo", "demo@tuner.invalid");

  private final Path dir;

  private DemoWorkspace(Path dir) {
    this.dir = dir;
  }

  /**
   * Clones {@code repo}'s HEAD into {@code dir}, which must not exist or be empty.
   *
   * @throws UsageException when {@code dir} holds files, or {@code repo} is not the bundled example
   */
  public static DemoWorkspace cloneOf(Path repo, Path dir)
      throws IOException, GitAPIException, UsageException {
    if (Files.isDirectory(dir)) {
      try (var entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new UsageException("--dir " + dir + " is not empty; pick a new directory");
        }
      }
    } else if (Files.exists(dir)) {
      throw new UsageException("--dir " + dir + " is a file");
    }
    if (!Files.exists(repo.resolve(".git"))) {
      throw new UsageException(
          repo + " is not a git repository: the demo clones the tuner repository's HEAD");
    }
    Files.createDirectories(dir);
    Git.cloneRepository().setURI(repo.toUri().toString()).setDirectory(dir.toFile()).call().close();
    DemoWorkspace workspace = new DemoWorkspace(dir);
    if (!Files.isRegularFile(workspace.spec())
        || !Files.isDirectory(dir.resolve("example/patches"))
        || !Files.readString(workspace.spec()).contains(EXAMPLE_URL)) {
      throw new UsageException(
          repo
              + " does not hold the bundled example at HEAD (tuner.yaml naming "
              + EXAMPLE_URL
              + " and example/patches/): the demo runs on it");
    }
    return workspace;
  }

  public Path dir() {
    return dir;
  }

  public Path spec() {
    return dir.resolve("tuner.yaml");
  }

  public String head() throws IOException {
    try (Git git = Git.open(dir.toFile())) {
      return git.getRepository().resolve("HEAD").name();
    }
  }

  /**
   * Points the spec's upstreams at {@code baseUrl}; with {@code quick}, tiny benchmark settings and
   * 3 cases.
   */
  public void configure(String baseUrl, boolean quick)
      throws IOException, GitAPIException, UsageException {
    String spec = Files.readString(spec(), StandardCharsets.UTF_8).replace(EXAMPLE_URL, baseUrl);
    if (quick) {
      spec = quick(spec);
    }
    Files.writeString(spec(), spec, StandardCharsets.UTF_8);
    commitAll("demo: upstream on " + baseUrl + (quick ? ", quick benchmark settings" : ""));
  }

  /**
   * Benchmark settings small enough for a first look and for tests (minutes, not hours; the numbers
   * are noisy), and three cases: two tuned, one held out. The spec's other sections, knobs
   * included, stay as they are; a {@code benchmark:} block gets the tiny settings added to it.
   */
  static String quick(String spec) throws UsageException {
    StringBuilder out = new StringBuilder();
    String section = "";
    boolean benchmark = false;
    for (String line : spec.split("\n", -1)) {
      boolean topLevel =
          !line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && line.charAt(0) != '#';
      if (topLevel) {
        section = line.substring(0, Math.max(0, line.indexOf(':')));
        if (section.equals("cases")) {
          out.append(QUICK_CASES);
          continue;
        }
        if (section.equals("benchmark")) {
          if (!line.strip().equals("benchmark:")) {
            throw notTheExample();
          }
          benchmark = true;
          out.append(line).append('\n').append(QUICK_BENCHMARK);
          continue;
        }
      } else if (section.equals("benchmark")
          && (line.startsWith("  jmh:") || line.startsWith("  compare:"))) {
        throw notTheExample();
      }
      if (!section.equals("cases")) {
        out.append(line).append('\n');
      }
    }
    String result = out.toString().replaceAll("\n+$", "\n");
    if (!result.contains(QUICK_CASES)) {
      throw notTheExample();
    }
    return benchmark ? result : result + "benchmark:\n" + QUICK_BENCHMARK;
  }

  /**
   * The {@code benchmark:} settings of {@code --quick} (the acceptance tests measure with them
   * too).
   */
  public static final String QUICK_BENCHMARK =
      "  jmh: {forks: 1, warmupIterations: 2, warmupTime: 500ms, iterations: 2, iterationTime: 500ms}\n"
          + "  compare: {warmupSeconds: 20, opsPerRound: 10, looks: [8]}\n";

  /** The {@code cases:} of {@code --quick}: two tuned, one held out. */
  public static final String QUICK_CASES =
      "cases:\n"
          + "  - {id: ai-default, input: {theme: AI}}\n"
          + "  - {id: water-europe, input: {theme: water, topN: 12, k: 200, maxPerSector: 3, minMarketCap: 500,"
          + " countries: [GB, DE, FR, NL, CH, SE]}}\n"
          + "  - {id: cyber-developed, split: holdout, input: {theme: cybersecurity, topN: 15, k: 150,"
          + " maxPerSector: 4, countries: [US, GB, DE, JP, CA]}}\n";

  private static UsageException notTheExample() {
    return new UsageException(
        "tuner.yaml is not the bundled example's (a cases list, and no benchmark"
            + " jmh or compare settings of its own): --quick cannot shrink it");
  }

  /**
   * Commits whatever changed (a re-recording rewrites manifests' times), so optimize finds a clean
   * tree.
   */
  public boolean commitAll(String message) throws IOException, GitAPIException {
    try (Git git = Git.open(dir.toFile())) {
      git.add().addFilepattern(".").call();
      git.add().setUpdate(true).addFilepattern(".").call();
      if (git.status().call().isClean()) {
        return false;
      }
      git.commit().setMessage(message).setAuthor(DEMO).setCommitter(DEMO).setSign(false).call();
      return true;
    }
  }

  /**
   * Moves the workspace's branch to the best of a finished phase ({@code tuner/<tag>}), so the next
   * phase starts from it. Returns false when there is no such branch (the phase kept nothing or
   * never ran).
   */
  public boolean advanceTo(String branch) throws IOException, GitAPIException {
    try (Git git = Git.open(dir.toFile())) {
      ObjectId best = git.getRepository().resolve("refs/heads/" + branch);
      if (best == null) {
        return false;
      }
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef(best.name()).call();
      return true;
    }
  }
}

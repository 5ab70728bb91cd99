package dev.tuner.bench;

import dev.tuner.io.Classpath;
import dev.tuner.io.Dirs;
import dev.tuner.profile.ProfileStore;
import dev.tuner.profile.UnreadableProfileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Profiles of commits, recorded once per commit (a flight recording of the cases under replay, in
 * forked JVMs of their own) and kept in {@code .tuner/profiles/<commit>/} ({@link ProfileStore}). A
 * profile is evidence for a prompt and a report, not a measurement: it never holds a run up longer
 * than {@link #TIMEOUT}, and a failed one is remembered rather than retried.
 */
public final class Profiles {

  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private final ProfileStore store;
  private final Path root;
  private final BenchStage bench;
  private final PrintWriter out;

  public Profiles(Path dir, Path root, BenchStage bench, PrintWriter out) {
    this.store = new ProfileStore(dir);
    this.root = root;
    this.bench = bench;
    this.out = out;
  }

  /**
   * The commit's hottest frames as text (the cases profiled; own, total and self time, allocation
   * sites, GC); empty when profiling failed or the bench stage does not profile, null when its
   * build is gone or the store cannot be written.
   */
  public String hotFrames(String commit, Classpath classpath, List<String> cases) {
    try {
      Optional<ProfileStore.Stored> stored = profile(commit, classpath, cases);
      if (stored.isPresent()) {
        return "Cases profiled: "
            + String.join(", ", stored.get().cases())
            + "\n"
            + stored.get().table().text();
      }
      return classpath == null ? null : ""; // failed (said, remembered), or nothing profiles
    } catch (IOException | UnreadableProfileException e) {
      out.println("  profile skipped: " + e.getMessage());
      return null;
    }
  }

  /**
   * The commit's stored profile, recorded first when there is none; empty when its build is gone or
   * profiling failed (said on the console, and remembered).
   */
  public Optional<ProfileStore.Stored> profile(
      String commit, Classpath classpath, List<String> cases)
      throws IOException, UnreadableProfileException {
    Optional<ProfileStore.Stored> stored = store.find(commit);
    if (stored.isPresent()
        || classpath == null
        || !bench.profiles()
        || store.failure(commit).isPresent()) {
      return stored;
    }
    Path recordings = Files.createTempDirectory("tuner-jfr");
    out.println(
        "  profiling "
            + commit.substring(0, Math.min(8, commit.length()))
            + " (JFR, "
            + cases.size()
            + " case"
            + (cases.size() == 1 ? "" : "s")
            + ")");
    out.flush();
    try {
      long start = System.nanoTime();
      var profile = bench.profile(root, classpath, cases, recordings, TIMEOUT);
      double seconds = (System.nanoTime() - start) / 1e9;
      ProfileStore.Stored saved = store.save(commit, cases, seconds, profile, recordings);
      out.printf(
          java.util.Locale.ROOT,
          "  profiled in %.0f s: %s%n",
          seconds,
          saved.dir().resolve("cpu.svg"));
      out.flush();
      return Optional.of(saved);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      out.println("  profile skipped: " + e.getMessage());
      out.flush();
      store.fail(commit, String.valueOf(e.getMessage()));
      return Optional.empty();
    } finally {
      Dirs.deleteTree(recordings);
    }
  }
}

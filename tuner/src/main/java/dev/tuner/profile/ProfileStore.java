package dev.tuner.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuner.io.Dirs;
import dev.tuner.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Profiles kept per commit in {@code .tuner/profiles/<commit>/}: {@code cpu.collapsed} and {@code
 * alloc.collapsed} (collapsed stacks, the format every flame-graph tool reads), {@code
 * profile.json} (cases, what the profile cost, GC, the project's packages), {@code frames.txt} (the
 * frame table), {@code cpu.svg} and {@code alloc.svg}, and the recordings themselves under {@code
 * jfr/} (openable in JDK Mission Control). A directory is written whole under a temporary name and
 * then moved into place, so a reader never sees half of one.
 */
public final class ProfileStore {

  private static final ObjectMapper JSON = Json.pretty();

  /** How many rows per section the stored and shown frame table has. */
  public static final int TOP = 12;

  private final Path dir;

  public ProfileStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /**
   * A stored profile.
   *
   * @param seconds what recording it cost, wall-clock (JVM start to the last recording read)
   */
  public record Stored(
      String commit, List<String> cases, double seconds, Profile profile, Path dir) {
    public Stored {
      cases = List.copyOf(cases);
    }

    public FrameTable table() {
      return FrameTable.of(profile, TOP);
    }
  }

  /** Where a commit's profile is (or would be) kept. */
  public Path of(String commit) {
    return dir.resolve(commit);
  }

  /**
   * The profile of {@code commit} (a full id, or a prefix of one that only one profile has), if one
   * is stored.
   *
   * @throws UnreadableProfileException naming the file that cannot be read
   */
  public Optional<Stored> find(String commit) throws UnreadableProfileException {
    if (commit == null || commit.isBlank() || !Files.isDirectory(dir)) {
      return Optional.empty();
    }
    Path exact = of(commit);
    if (Files.isRegularFile(exact.resolve("profile.json"))) {
      return Optional.of(read(exact));
    }
    List<Path> matches = new ArrayList<>();
    try (Stream<Path> all = Files.list(dir)) {
      all.filter(p -> p.getFileName().toString().startsWith(commit))
          .filter(p -> Files.isRegularFile(p.resolve("profile.json")))
          .forEach(matches::add);
    } catch (IOException e) {
      throw new UnreadableProfileException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    return matches.size() == 1 ? Optional.of(read(matches.get(0))) : Optional.empty();
  }

  /** Why profiling {@code commit} failed last time, if it did (a failed profile is not retried). */
  public Optional<String> failure(String commit) throws IOException {
    Path failed = dir.resolve(commit + ".failed");
    return Files.isRegularFile(failed) ? Optional.of(Files.readString(failed)) : Optional.empty();
  }

  public void fail(String commit, String why) throws IOException {
    Files.createDirectories(dir);
    dev.tuner.io.AtomicFile.write(
        dir.resolve(commit + ".failed"), why.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads the profile kept in {@code profileDir}. */
  public static Stored read(Path profileDir) throws UnreadableProfileException {
    Path meta = profileDir.resolve("profile.json");
    try {
      JsonNode json = JSON.readTree(meta.toFile());
      Stacks cpu = collapsed(profileDir.resolve("cpu.collapsed"));
      Stacks alloc = collapsed(profileDir.resolve("alloc.collapsed"));
      JsonNode gc = json.path("gc");
      TreeSet<String> own = new TreeSet<>();
      json.path("own_packages").forEach(p -> own.add(p.asText()));
      List<String> cases = new ArrayList<>();
      json.path("cases").forEach(c -> cases.add(c.asText()));
      return new Stored(
          json.path("commit").asText(),
          cases,
          json.path("seconds").asDouble(),
          new Profile(
              cpu,
              alloc,
              new Profile.Gc(
                  gc.path("collections").asInt(),
                  gc.path("pause_ms").asDouble(),
                  gc.path("longest_pause_ms").asDouble(),
                  gc.path("recorded_s").asDouble()),
              own),
          profileDir);
    } catch (IOException e) {
      throw new UnreadableProfileException(
          "cannot read the profile " + meta + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a collapsed-stack file.
   *
   * @throws UnreadableProfileException naming the file and line
   */
  public static Stacks collapsed(Path file) throws UnreadableProfileException {
    try {
      return Stacks.parse(Files.readString(file));
    } catch (IOException | IllegalArgumentException e) {
      throw new UnreadableProfileException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Keeps a profile of {@code commit}: written under a temporary name, then moved into place.
   *
   * @param recordings the recordings ({@code .jfr}) to keep with it; null for none
   */
  public Stored save(
      String commit, List<String> cases, double seconds, Profile profile, Path recordings)
      throws IOException, UnreadableProfileException {
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + commit + "." + UUID.randomUUID() + ".tmp");
    Path target = of(commit);
    try {
      Files.createDirectories(tmp);
      Files.writeString(tmp.resolve("cpu.collapsed"), profile.cpu().text());
      Files.writeString(tmp.resolve("alloc.collapsed"), profile.alloc().text());
      ObjectNode json = JSON.createObjectNode();
      json.put("commit", commit);
      cases.forEach(json.putArray("cases")::add);
      json.put("seconds", Math.round(seconds * 10) / 10.0);
      json.put("samples", profile.cpu().total());
      json.put("alloc_bytes", profile.alloc().total());
      ObjectNode gc = json.putObject("gc");
      gc.put("collections", profile.gc().collections());
      gc.put("pause_ms", profile.gc().pauseMs());
      gc.put("longest_pause_ms", profile.gc().longestPauseMs());
      gc.put("recorded_s", profile.gc().recordedSeconds());
      profile.ownPackages().forEach(json.putArray("own_packages")::add);
      JSON.writeValue(tmp.resolve("profile.json").toFile(), json);
      Files.writeString(tmp.resolve("frames.txt"), FrameTable.of(profile, TOP).text());
      String title = "commit " + commit.substring(0, Math.min(10, commit.length()));
      Files.writeString(
          tmp.resolve("cpu.svg"),
          FlameGraph.svg(profile.cpu(), FlameGraph.Kind.CPU, "CPU, " + title, profile::own));
      Files.writeString(
          tmp.resolve("alloc.svg"),
          FlameGraph.svg(
              profile.alloc(), FlameGraph.Kind.ALLOC, "Allocations, " + title, profile::own));
      if (recordings != null && Files.isDirectory(recordings)) {
        Dirs.copyTree(recordings, tmp.resolve("jfr"));
      }
      if (Files.exists(target)) {
        Dirs.deleteTree(target);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target);
      }
      Files.deleteIfExists(dir.resolve(commit + ".failed"));
    } finally {
      if (Files.exists(tmp)) {
        Dirs.deleteTree(tmp);
      }
    }
    return read(target);
  }
}

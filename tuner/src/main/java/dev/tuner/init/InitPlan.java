package dev.tuner.init;

import dev.tuner.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code tuner init} writes, rendered and checked: {@link #write} writes each file whole (a
 * temporary file, then a move), and {@link #report} is what the command prints.
 */
public final class InitPlan {

  /**
   * One file: created, edited or left as it was.
   *
   * @param file relative to the project, slash-separated
   * @param content the new content; null when unchanged
   * @param note what changes, for the report
   */
  record Change(String verb, String file, byte[] content, String note) {

    static Change create(String file, byte[] content, String note) {
      return new Change("created", file, content, note);
    }

    static Change edit(String file, byte[] content, String note) {
      return new Change("added to", file, content, note);
    }

    static Change unchanged(String file, String note) {
      return new Change("unchanged", file, null, note);
    }
  }

  private final Path dir;
  private final Setup setup;
  private final List<Change> changes;
  private final String gradleSnippet;
  private final String elsewhere;

  InitPlan(Path dir, Setup setup, List<Change> changes, String gradleSnippet, String elsewhere) {
    this.dir = dir;
    this.setup = setup;
    this.changes = List.copyOf(changes);
    this.gradleSnippet = gradleSnippet;
    this.elsewhere = elsewhere;
  }

  /** The project directory, where tuner.yaml goes. */
  public Path dir() {
    return dir;
  }

  /** Writes every created or edited file, each whole. */
  public void write() throws IOException {
    for (Change c : changes) {
      if (c.content() != null) {
        AtomicFile.write(dir.resolve(c.file()), c.content());
      }
    }
  }

  /** What init did and the three steps that come next, as printed. */
  public String report() {
    StringBuilder r = new StringBuilder();
    r.append(setup.build().tool().label())
        .append(" project (")
        .append(setup.build().file())
        .append("):\n");
    int width = changes.stream().mapToInt(c -> c.file().length()).max().orElse(0);
    for (Change c : changes) {
      r.append(String.format("  %-11s%-" + width + "s  %s\n", c.verb(), c.file(), c.note()));
    }
    String buildFile = setup.gradleBuildFile();
    if (gradleSnippet != null) {
      r.append("\nAdd to ")
          .append(buildFile)
          .append(" (tuner.yaml's build runs `")
          .append(setup.gradleCommand())
          .append("`):\n\n");
      gradleSnippet
          .lines()
          .forEach(line -> r.append(line.isEmpty() ? "" : "    " + line).append('\n'));
    }
    r.append("\nNext").append(elsewhere == null ? "" : ", in " + elsewhere).append(":\n");
    r.append("  1. Fill in run() in ").append(setup.adapterFile()).append('\n');
    if (setup.cases().isEmpty()) {
      r.append("     and real inputs under cases: in tuner.yaml\n");
    }
    if (gradleSnippet != null) {
      r.append("     and add the lines above to ").append(buildFile).append('\n');
    }
    String record =
        setup.upstreams().isEmpty()
            ? "Declare your upstreams in tuner.yaml, start them, then:"
            : "Start your upstreams, then record every case:";
    String verify = "Replay with no network and check parity:";
    int pad = Math.max(record.length(), verify.length()) + 2;
    r.append(String.format("  2. %-" + pad + "s%s\n", record, "tuner record"));
    r.append(String.format("  3. %-" + pad + "s%s\n", verify, "tuner verify"));
    r.append(
        "Once verify passes, commit tuner.yaml, fixtures/ and goldens/, and run tuner optimize.\n");
    return r.toString();
  }
}

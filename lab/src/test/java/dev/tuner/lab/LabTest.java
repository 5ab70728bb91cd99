package dev.tuner.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.tuner.harness.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The lab's command line: every mode's options parse into what the grid tools take, and a bad
 * command line is a usage error naming what is wrong, before anything is measured. Only {@code grid
 * search} runs, since it measures nothing.
 */
class LabTest {

  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final Path KNOBS = REPO.resolve("lab/src/test/resources/knobs");
  static final String SPEC = REPO.resolve("tuner.yaml").toString();
  static final String REFERENCE =
      "analysis.cacheSize=256,segments.patternCacheSize=4,jvm.gc=-XX:+UseSerialGC";

  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {
    static Run of(String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = new Lab(new PrintWriter(out), new PrintWriter(err)).run(args);
      return new Run(code, out.toString(), err.toString());
    }
  }

  @Test
  void helpListsTheGridAndTheExitCodes() {
    Run run = Run.of("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("grid ", "Exit codes:", "2   usage or spec error");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void gridHelpListsItsThreeModes() {
    Run run = Run.of("grid", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("measure ", "paired ", "search ");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void eachModesHelpListsItsOptions() {
    assertHelp(
        "measure",
        "SPEC",
        "ARTIFACT",
        "TABLE",
        "--cases",
        "--warmup",
        "--measure",
        "--forks",
        "--seed");
    assertHelp(
        "paired", "95%", "--reference", "--only", "--cases", "--rounds", "--forks", "--warmup");
    assertHelp("search", "5%", "TABLE", "--paired", "--budget", "--seeds");
    assertThat(Run.of("help", "grid").exitCode()).isZero();
  }

  /**
   * Help exits 0 and lists the options; a percent sign reads as one (picocli formats descriptions:
   * a lone one leaves the text raw, with a warning on System.err, not on the command's writer).
   */
  private static void assertHelp(String mode, String... options) {
    Run run = Run.of("grid", mode, "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains(options).contains("Exit codes:").doesNotContain("%%");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void noCommandIsAUsageError() {
    Run lab = Run.of();
    assertThat(lab.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(lab.err()).contains("Missing required subcommand: grid");
    Run grid = Run.of("grid");
    assertThat(grid.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(grid.err()).contains("Missing required subcommand: measure, paired or search");
  }

  @Test
  void anUnknownOptionIsAUsageErrorNamingIt() {
    Run run = Run.of("grid", "measure", SPEC, "a.jar", "t.tsv", "--no-such-option");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("Unknown option: '--no-such-option'");
  }

  @Test
  void knobGridsKeyValueSpellingsAreRefusedByName() {
    Run measure = Run.of("grid", "measure", SPEC, "a.jar", "t.tsv", "forks=2");
    assertThat(measure.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(measure.err()).contains("'forks=2'");
    Run search = Run.of("grid", "search", SPEC, "t.tsv", "budget=8");
    assertThat(search.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(search.err())
        .contains("TABLE 'budget=8' does not exist; an option is written --budget=8");
  }

  @Test
  void pairedWithoutAReferenceIsAUsageErrorNamingTheOption() {
    Run run = Run.of("grid", "paired", SPEC, "a.jar", "t.tsv");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("Missing required option: '--reference=KNOB=VALUE,...'");
  }

  @Test
  void missingPositionalsAreNamed() {
    Run measure = Run.of("grid", "measure", SPEC);
    assertThat(measure.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(measure.err()).contains("Missing required parameters: 'ARTIFACT', 'TABLE'");
    Run search = Run.of("grid", "search", SPEC);
    assertThat(search.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(search.err()).contains("TABLE");
  }

  @Test
  void badValuesAreUsageErrorsNamingTheOption() {
    Run forks = Run.of("grid", "measure", SPEC, "a.jar", "t.tsv", "--forks=0");
    assertThat(forks.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(forks.err()).contains("--forks", "'0' is not a whole number of at least 1");
    Run warmup = Run.of("grid", "measure", SPEC, "a.jar", "t.tsv", "--warmup=6");
    assertThat(warmup.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(warmup.err()).contains("--warmup", "'6' is not N:TIME");
    Run seeds = Run.of("grid", "search", SPEC, "t.tsv", "--seeds=many");
    assertThat(seeds.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(seeds.err()).contains("--seeds", "'many'");
  }

  @Test
  void measureParsesTheStudysCommand() {
    GridMeasureCommand c =
        parse(
            GridMeasureCommand.class,
            "grid",
            "measure",
            "tuner.yaml",
            "benchmarks/target/benchmarks.jar",
            "grid-1.tsv",
            "--cases=ai-default,clean-energy-broad,water-europe",
            "--warmup=6:1s",
            "--measure=3:1s",
            "--forks=2",
            "--seed=1");
    assertThat(c.files.specFile).isEqualTo(Path.of("tuner.yaml"));
    assertThat(c.files.artifact).isEqualTo(Path.of("benchmarks/target/benchmarks.jar"));
    assertThat(c.files.table).isEqualTo(Path.of("grid-1.tsv"));
    assertThat(c.cases).containsExactly("ai-default", "clean-energy-broad", "water-europe");
    assertThat(c.warmup).isEqualTo(new GridMeasureCommand.Iterations(6, "1s"));
    assertThat(c.measure).isEqualTo(new GridMeasureCommand.Iterations(3, "1s"));
    assertThat(c.forks).isEqualTo(2);
    assertThat(c.seed).isEqualTo(1);
  }

  @Test
  void measureLeavesUnsetOptionsToTheSpec() {
    GridMeasureCommand c = parse(GridMeasureCommand.class, "grid", "measure", "s", "a", "t");
    assertThat(c.cases).isEmpty();
    assertThat(c.warmup).isNull();
    assertThat(c.measure).isNull();
    assertThat(c.forks).isNull();
    assertThat(c.seed).isEqualTo(1);
  }

  @Test
  void pairedParsesTheStudysCommand() {
    GridPairedCommand c =
        parse(
            GridPairedCommand.class,
            "grid",
            "paired",
            "tuner.yaml",
            "benchmarks/target/benchmarks.jar",
            "paired.tsv",
            "--reference=" + REFERENCE,
            "--only=analysis.cacheSize=256|1024",
            "--cases=ai-default,clean-energy-broad,water-europe",
            "--rounds=16",
            "--forks=10");
    assertThat(c.reference).isEqualTo(REFERENCE);
    assertThat(c.only).isEqualTo("analysis.cacheSize=256|1024");
    assertThat(c.cases).hasSize(3);
    assertThat(c.rounds).isEqualTo(16);
    assertThat(c.forks).isEqualTo(10);
    assertThat(c.warmupSeconds).isNull();
  }

  @Test
  void searchTakesTablesCommaOrSpaceSeparated() {
    GridSearchCommand comma =
        parse(
            GridSearchCommand.class,
            "grid",
            "search",
            "tuner.yaml",
            "grid-1.tsv,grid-2.tsv",
            "--paired=paired.tsv",
            "--budget=8",
            "--seeds=20");
    GridSearchCommand space =
        parse(GridSearchCommand.class, "grid", "search", "tuner.yaml", "grid-1.tsv", "grid-2.tsv");
    assertThat(comma.tables).containsExactly(Path.of("grid-1.tsv"), Path.of("grid-2.tsv"));
    assertThat(space.tables).isEqualTo(comma.tables);
    assertThat(comma.paired).isEqualTo(Path.of("paired.tsv"));
    assertThat(comma.budget).isEqualTo(8);
    assertThat(comma.seeds).isEqualTo(20);
    assertThat(space.budget).as("a quarter of the grid, decided when the grid is known").isNull();
    assertThat(space.seeds).isEqualTo(20);
  }

  /** The study's own search, over its own tables: every seed within 5%, as the note says. */
  @Test
  void searchOverTheStudysTablesRunsAndReportsEverySeed() {
    Run run =
        Run.of(
            "grid",
            "search",
            SPEC,
            KNOBS.resolve("example-grid-pass1.tsv") + "," + KNOBS.resolve("example-grid-pass2.tsv"),
            "--paired=" + KNOBS.resolve("example-grid-paired.tsv"),
            "--budget=8",
            "--seeds=20");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("grid: 32 points (32 measured); best p95 ")
        .contains("search: cmaes, budget 8 evaluations (25% of the grid)")
        .contains("seed 20: ")
        .endsWith("within 5% of the grid's best: 20 of 20 seeds\n");
  }

  @Test
  void aMissingTableIsNamed() {
    Run run = Run.of("grid", "search", SPEC, dir.resolve("none.tsv").toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
    assertThat(run.err()).contains("lab grid search: no such file: " + dir.resolve("none.tsv"));
  }

  @Test
  void aMissingSpecIsAUsageErrorNamingTheFile() {
    Run run = Run.of("grid", "search", dir.resolve("tuner.yaml").toString(), "t.tsv");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains(dir.resolve("tuner.yaml") + ": no such file");
  }

  @Test
  void aMissingArtifactFailsBeforeTheTableIsStarted() {
    Path table = dir.resolve("grid.tsv");
    Run run = Run.of("grid", "measure", SPEC, dir.resolve("none.jar").toString(), table.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.ENVIRONMENT);
    assertThat(run.err()).contains(dir.resolve("none.jar") + ": no such artifact");
    assertThat(table).doesNotExist();
  }

  @Test
  void aReferenceThatMissesAKnobIsAUsageErrorBeforeAnythingIsMeasured() throws Exception {
    Path jar = Files.createFile(dir.resolve("benchmarks.jar"));
    Path table = dir.resolve("paired.tsv");
    Run run =
        Run.of(
            "grid",
            "paired",
            SPEC,
            jar.toString(),
            table.toString(),
            "--reference=analysis.cacheSize=256,segments.patternCacheSize=4");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err())
        .contains(
            "lab grid paired: --reference: a point names every knob once: "
                + List.of("analysis.cacheSize", "segments.patternCacheSize", "jvm.gc"));
    assertThat(table).doesNotExist();
  }

  @Test
  void anOnlyThatNamesNoKnobIsAUsageError() throws Exception {
    Path jar = Files.createFile(dir.resolve("benchmarks.jar"));
    Path table = dir.resolve("paired.tsv");
    Run run =
        Run.of(
            "grid",
            "paired",
            SPEC,
            jar.toString(),
            table.toString(),
            "--reference=" + REFERENCE,
            "--only=cacheSize=256");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("--only: 'cacheSize=256' is not KNOB=VALUE|VALUE");
    assertThat(table).doesNotExist();
  }

  /** The commands the notes and the README show parse as written ($seed read as 1). */
  @Test
  void everyLabCommandInTheDocsParses() throws Exception {
    for (Path doc :
        List.of(
            REPO.resolve("lab/README.md"), REPO.resolve("docs/measurements/knob-grid-study.md"))) {
      List<List<String>> commands = labCommands(Files.readString(doc));
      assertThat(commands).as("%s shows lab commands", doc).isNotEmpty();
      for (List<String> args : commands) {
        assertThatCode(() -> parse(Object.class, args.toArray(String[]::new)))
            .as("%s: lab %s", doc, String.join(" ", args))
            .doesNotThrowAnyException();
      }
    }
  }

  /** The arguments of each {@code java -jar lab/target/lab.jar} line in a file's code blocks. */
  private static List<List<String>> labCommands(String markdown) {
    String launcher = "java -jar lab/target/lab.jar";
    List<List<String>> commands = new ArrayList<>();
    boolean code = false;
    for (String line : markdown.replace("\\\n", " ").split("\n")) {
      if (line.startsWith("```")) {
        code = !code;
      } else if (code && line.contains(launcher)) {
        String args = line.substring(line.indexOf(launcher) + launcher.length());
        args = args.replaceAll("\\s+#.*", "").replace("$seed", "1");
        commands.add(words(args));
      }
    }
    return commands;
  }

  /** Splits as the shell does for these lines: on spaces, outside single quotes. */
  private static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    boolean quoted = false;
    for (char c : line.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
        word = word == null ? new StringBuilder() : word;
      } else if (c == ' ' && !quoted) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else {
        word = (word == null ? new StringBuilder() : word).append(c);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  /** Parses a command line into the leaf command's object, running nothing. */
  private static <T> T parse(Class<T> type, String... args) {
    CommandLine.ParseResult parsed =
        new Lab(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
            .commandLine()
            .parseArgs(args);
    while (parsed.hasSubcommand()) {
      parsed = parsed.subcommand();
    }
    return type.cast(parsed.commandSpec().userObject());
  }
}

package dev.tuner.lab;

import dev.tuner.bench.BenchRun;
import dev.tuner.bench.BenchSummary;
import dev.tuner.bench.JmhOptions;
import dev.tuner.bench.JmhRunner;
import dev.tuner.build.RunnerJar;
import dev.tuner.io.Classpath;
import dev.tuner.io.Dirs;
import dev.tuner.knobs.CallVariants;
import dev.tuner.knobs.Knob;
import dev.tuner.knobs.KnobSpace;
import dev.tuner.spec.JvmOptionsFile;
import dev.tuner.spec.TunerSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The exhaustive grid over a spec's knobs, the yardstick of the knob search: every point is
 * measured as the loop measures a build ({@code JmhBenchStage.measure}: JMH SampleTime, the
 * geometric mean over the cases of each case's p95), on a copy of the built artifact with the
 * knobs-file keys set ({@link CallVariants#variant}, no Maven build per point) and the JVM knobs
 * merged over {@code benchmark.jvmArgs}. Then the search can be run over the measured table to
 * count the evaluations it needs.
 *
 * <p>The command line is {@link Lab}'s {@code grid measure}, {@code grid paired} ({@link
 * PairedGrid}) and {@code grid search} ({@link GridReplay}); see {@code lab/README.md}. {@code
 * measure} appends one line per point to the table and skips points already in it, so it can be
 * stopped and started again. {@code search} over several tables (passes of {@code measure} with
 * other seeds, so other orders) reads each point's mean p95, which halves the variance of a
 * two-pass grid; with {@code --paired}, the points a {@link PairedGrid} measured take its finer
 * values instead.
 */
public final class KnobGrid {

  private KnobGrid() {}

  /** Measures every point not yet in {@code table}. */
  public static void measure(
      TunerSpec spec,
      Path specFile,
      KnobSpace space,
      Path artifact,
      Path table,
      List<String> cases,
      JmhOptions jmh,
      long seed,
      PrintWriter out)
      throws Exception {
    Path root = specFile.getParent();
    Table done =
        Files.exists(table) ? Table.read(table, space) : new Table(space, new LinkedHashMap<>());
    if (!Files.exists(table)) {
      Files.writeString(table, Table.header(space));
    }
    // Random order, so a drift in the machine's speed over the run spreads over the grid instead of
    // favouring the points measured first.
    List<Map<String, String>> grid = new ArrayList<>(space.grid(KnobSpace.GRID_LEVELS));
    Collections.shuffle(grid, new Random(seed));
    out.printf(
        "grid: %d points over %s in random order (seed %d); %d measured already; cases %s%n",
        grid.size(),
        space.knobs().stream().map(Knob::name).toList(),
        seed,
        done.p95().size(),
        cases);
    Path work = Files.createTempDirectory("tuner-grid");
    try (PrintWriter jmhLog =
        new PrintWriter(
            Files.newBufferedWriter(
                Path.of(table + ".jmh.log"), StandardOpenOption.CREATE, StandardOpenOption.APPEND),
            true)) {
      int n = 0;
      for (Map<String, String> point : grid) {
        n++;
        if (done.p95().containsKey(point)) {
          continue;
        }
        Classpath variant = writePoint(spec, root, space, artifact, point, work.resolve("variant"));
        List<String> jvm = new ArrayList<>();
        space.jvm().forEach(k -> jvm.addAll(k.jvmOptions(point.get(k.name()))));
        JmhOptions options =
            new JmhOptions(
                jmh.benchmark(),
                jmh.forks(),
                jmh.warmupIterations(),
                jmh.warmupTime(),
                jmh.iterations(),
                jmh.iterationTime(),
                JvmOptionsFile.merge(jmh.jvmArgs(), jvm),
                jmh.transport());
        long t0 = System.nanoTime();
        BenchRun run =
            JmhRunner.run(variant, specFile, cases, options, work.resolve("out"), jmhLog);
        BenchSummary.Row all = BenchSummary.of(run).all();
        double seconds = (System.nanoTime() - t0) / 1e9;
        String line = Table.line(space, point, all.p50() / 1e6, all.p95() / 1e6, seconds);
        Files.writeString(table, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        out.printf(Locale.ROOT, "[%d/%d] %s", n, grid.size(), line);
      }
    } finally {
      Dirs.deleteTree(work);
    }
  }

  /**
   * The built uber-jar behind tuner's runner, with the knobs file at the point's parameters in
   * front of it (written under {@code dir}, emptied first).
   */
  static Classpath writePoint(
      TunerSpec spec,
      Path root,
      KnobSpace space,
      Path artifact,
      Map<String, String> point,
      Path dir)
      throws IOException {
    Classpath build = Classpath.of(RunnerJar.path(), artifact);
    Map<String, String> params = new LinkedHashMap<>();
    space.params().forEach(k -> params.put(k.name(), point.get(k.name())));
    Dirs.deleteTree(dir);
    return params.isEmpty()
        ? build
        : CallVariants.variant(
            build, dir, root.resolve(spec.knobs().file()), spec.knobs().file(), params);
  }

  /**
   * A measured grid: p95 (ms) per point; TSV with one column per knob, then p50_ms, p95_ms,
   * seconds.
   */
  public record Table(KnobSpace space, Map<Map<String, String>, Double> p95) {

    static String header(KnobSpace space) {
      List<String> cols = new ArrayList<>(space.knobs().stream().map(Knob::name).toList());
      cols.addAll(List.of("p50_ms", "p95_ms", "seconds"));
      return String.join("\t", cols) + "\n";
    }

    static String line(
        KnobSpace space, Map<String, String> point, double p50, double p95, double seconds) {
      List<String> cols = new ArrayList<>();
      space.knobs().forEach(k -> cols.add(point.get(k.name())));
      cols.add(String.format(Locale.ROOT, "%.3f", p50));
      cols.add(String.format(Locale.ROOT, "%.3f", p95));
      cols.add(String.format(Locale.ROOT, "%.0f", seconds));
      return String.join("\t", cols) + "\n";
    }

    /**
     * This table with the points of a paired grid replaced by their p95 relative to its reference,
     * times this table's value at the reference: the paired grid's finer ordering, on this table's
     * scale.
     */
    public Table refinedBy(Map<Map<String, String>, PairedGrid.Row> paired) {
      Map<String, String> reference = PairedGrid.reference(paired);
      Double anchor = p95.get(reference);
      if (anchor == null) {
        throw new IllegalArgumentException(
            "the table has no point " + KnobSpace.describe(reference));
      }
      Map<Map<String, String>, Double> refined = new LinkedHashMap<>(p95);
      PairedGrid.relative(paired, reference).forEach((point, r) -> refined.put(point, anchor * r));
      return new Table(space, refined);
    }

    /** Each point's mean p95 over several passes; every pass must hold the same points. */
    public static Table mean(List<Table> passes) {
      Table first = passes.get(0);
      Map<Map<String, String>, Double> mean = new LinkedHashMap<>();
      for (Map<String, String> point : first.p95().keySet()) {
        double sum = 0;
        for (Table t : passes) {
          Double v = t.p95().get(point);
          if (v == null) {
            throw new IllegalArgumentException("a pass has no point " + KnobSpace.describe(point));
          }
          sum += v;
        }
        mean.put(point, sum / passes.size());
      }
      if (passes.stream().anyMatch(t -> t.p95().size() != mean.size())) {
        throw new IllegalArgumentException("the passes hold different points");
      }
      return new Table(first.space(), mean);
    }

    public static Table read(Path file, KnobSpace space) throws IOException {
      Map<Map<String, String>, Double> p95 = new LinkedHashMap<>();
      for (GridTsv.Line line : GridTsv.read(file)) {
        p95.put(line.point(space, ""), line.number("p95_ms"));
      }
      return new Table(space, p95);
    }
  }
}

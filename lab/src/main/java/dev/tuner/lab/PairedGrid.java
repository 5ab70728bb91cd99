package dev.tuner.lab;

import dev.tuner.bench.AbComparison;
import dev.tuner.bench.CompareOutcome;
import dev.tuner.bench.CompareSettings;
import dev.tuner.decide.Comparison;
import dev.tuner.io.Classpath;
import dev.tuner.io.Dirs;
import dev.tuner.knobs.KnobSpace;
import dev.tuner.spec.BenchmarkSpec.Design;
import dev.tuner.spec.TunerSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The grid at the loop's own resolution: each point measured as the loop would decide on it, as a
 * paired comparison against a reference point, instead of alone. One JVM cannot hold two
 * collectors, so each JVM knob value has a reference of its own (the reference point's parameters
 * with that value), compared with the points of its group in the interleaved design; and each such
 * group reference is compared once with the reference itself in the forks design. A point's p95
 * relative to the reference is the product along that chain.
 *
 * <p>The table has one row per comparison: the point, the point it was compared with, the design,
 * the replicates per side, then p50 and p95 B/A with the p95 interval. {@code measure} appends a
 * row per point and skips points already in it, so it can be stopped and started again.
 */
final class PairedGrid {

  private PairedGrid() {}

  /** One comparison: {@code point} (B) against {@code against} (A). */
  record Row(
      Map<String, String> point,
      Map<String, String> against,
      String design,
      int replicates,
      double p50,
      double p95,
      double p95Low,
      double p95High) {}

  /**
   * Compares every point {@code only} accepts (and the group references it needs) with its
   * reference.
   *
   * @param rounds interleaved rounds per side, all run (no early stop)
   * @param forks forks per side for the comparisons between collectors
   * @param warmupSeconds the interleaved warm-up; null: the spec's
   */
  static void measure(
      TunerSpec spec,
      Path specFile,
      KnobSpace space,
      Path artifact,
      Path table,
      Map<String, String> reference,
      Predicate<Map<String, String>> only,
      List<String> cases,
      int rounds,
      int forks,
      Integer warmupSeconds,
      PrintWriter out)
      throws Exception {
    Map<Map<String, String>, Row> done =
        Files.exists(table) ? read(table, space) : new LinkedHashMap<>();
    if (!Files.exists(table)) {
      Files.writeString(table, header(space));
    }
    List<Map<String, String>> todo = new ArrayList<>();
    for (Map<String, String> p : space.grid(KnobSpace.GRID_LEVELS)) {
      if (only.test(p) && !p.equals(reference)) {
        todo.add(p);
      }
    }
    // The group references first: a group's points are worth little until their group is tied to
    // the rest.
    todo.sort(Comparator.comparing(p -> !isGroupReference(space, reference, p)));
    out.printf(
        Locale.ROOT,
        "paired grid: %d points against %s; %d measured already; cases %s%n",
        todo.size(),
        KnobSpace.describe(reference),
        done.size(),
        cases);
    Path work = Files.createTempDirectory("tuner-paired-grid");
    try (PrintWriter jmhLog =
        new PrintWriter(
            Files.newBufferedWriter(
                Path.of(table + ".jmh.log"), StandardOpenOption.CREATE, StandardOpenOption.APPEND),
            true)) {
      int n = 0;
      for (Map<String, String> point : todo) {
        n++;
        if (done.containsKey(point)) {
          continue;
        }
        Map<String, String> against = againstOf(space, reference, point);
        Design design = sameJvm(space, point, against) ? Design.INTERLEAVED : Design.FORKS;
        int replicates = design == Design.INTERLEAVED ? rounds : forks;
        CompareSettings settings = CompareSettings.of(spec, cases, work.resolve("run"));
        // A 95% interval: this describes the point, it decides nothing.
        settings =
            settings
                .withRule(settings.rule().withAlpha(0.05))
                .withDesign(design, List.of(replicates))
                .withSequential(false);
        if (warmupSeconds != null) {
          settings = settings.withRounds(warmupSeconds, settings.opsPerRound());
        }
        long t0 = System.nanoTime();
        CompareOutcome o =
            new AbComparison(settings)
                .run(
                    build(spec, specFile, space, artifact, against, work.resolve("a"), "A"),
                    build(spec, specFile, space, artifact, point, work.resolve("b"), "B"),
                    new AbComparison.Listener() {},
                    jmhLog);
        Comparison p95 = o.assessment().p95();
        Row row =
            new Row(
                point,
                against,
                design.label(),
                o.look(),
                o.assessment().p50().ratio(),
                p95.ratio(),
                p95.ciLow(),
                p95.ciHigh());
        Files.writeString(
            table, line(space, row), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        out.printf(
            Locale.ROOT,
            "[%d/%d] %s vs %s (%s, %d per side, %.0f s): p50 %.4f, p95 %.4f [%.4f, %.4f]%n",
            n,
            todo.size(),
            KnobSpace.describe(point),
            KnobSpace.describe(against),
            design.label(),
            o.look(),
            (System.nanoTime() - t0) / 1e9,
            row.p50(),
            row.p95(),
            row.p95Low(),
            row.p95High());
      }
    } finally {
      Dirs.deleteTree(work);
    }
  }

  /**
   * Each point's p95 relative to the reference: the product of the ratios along its chain (the
   * reference itself is 1).
   */
  static Map<Map<String, String>, Double> relative(
      Map<Map<String, String>, Row> rows, Map<String, String> reference) {
    Map<Map<String, String>, Double> out = new LinkedHashMap<>();
    out.put(reference, 1.0);
    for (Map<String, String> p : rows.keySet()) {
      double r = 1;
      Map<String, String> at = p;
      for (int steps = 0; !at.equals(reference); steps++) {
        Row row = rows.get(at);
        if (row == null || steps == rows.size()) {
          throw new IllegalArgumentException(
              "no comparison ties " + KnobSpace.describe(at) + " to the reference");
        }
        r *= row.p95();
        at = row.against();
      }
      out.put(p, r);
    }
    return out;
  }

  /**
   * The reference the table's rows end at: the one point that is compared against but never
   * measured.
   */
  static Map<String, String> reference(Map<Map<String, String>, Row> rows) {
    return rows.values().stream()
        .map(Row::against)
        .filter(a -> !rows.containsKey(a))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("the paired table has no reference"));
  }

  /**
   * The point a point is compared with: its group's reference, and a group reference the reference.
   */
  static Map<String, String> againstOf(
      KnobSpace space, Map<String, String> reference, Map<String, String> point) {
    return isGroupReference(space, reference, point)
        ? reference
        : groupReference(space, reference, point);
  }

  private static boolean isGroupReference(
      KnobSpace space, Map<String, String> reference, Map<String, String> p) {
    return p.equals(groupReference(space, reference, p));
  }

  /** The reference's parameters with the point's JVM knobs. */
  private static Map<String, String> groupReference(
      KnobSpace space, Map<String, String> reference, Map<String, String> point) {
    Map<String, String> jvm = new LinkedHashMap<>();
    space.jvm().forEach(k -> jvm.put(k.name(), point.get(k.name())));
    return space.with(reference, jvm);
  }

  private static boolean sameJvm(KnobSpace space, Map<String, String> x, Map<String, String> y) {
    return space.jvm().stream().allMatch(k -> x.get(k.name()).equals(y.get(k.name())));
  }

  private static AbComparison.Build build(
      TunerSpec spec,
      Path specFile,
      KnobSpace space,
      Path artifact,
      Map<String, String> point,
      Path dir,
      String label)
      throws IOException {
    Classpath variant =
        KnobGrid.writePoint(spec, specFile.getParent(), space, artifact, point, dir);
    List<String> jvm = new ArrayList<>();
    space.jvm().forEach(k -> jvm.addAll(k.jvmOptions(point.get(k.name()))));
    return new AbComparison.Build(label + " " + KnobSpace.describe(point), variant, specFile, jvm);
  }

  private static final List<String> COLUMNS =
      List.of("design", "replicates", "p50_ratio", "p95_ratio", "p95_low", "p95_high");

  private static String header(KnobSpace space) {
    List<String> cols = new ArrayList<>();
    space.knobs().forEach(k -> cols.add(k.name()));
    space.knobs().forEach(k -> cols.add("vs " + k.name()));
    cols.addAll(COLUMNS);
    return String.join("\t", cols) + "\n";
  }

  private static String line(KnobSpace space, Row row) {
    List<String> cols = new ArrayList<>();
    space.knobs().forEach(k -> cols.add(row.point().get(k.name())));
    space.knobs().forEach(k -> cols.add(row.against().get(k.name())));
    cols.add(row.design());
    cols.add(Integer.toString(row.replicates()));
    for (double v : new double[] {row.p50(), row.p95(), row.p95Low(), row.p95High()}) {
      cols.add(String.format(Locale.ROOT, "%.4f", v));
    }
    return String.join("\t", cols) + "\n";
  }

  static Map<Map<String, String>, Row> read(Path file, KnobSpace space) throws IOException {
    Map<Map<String, String>, Row> rows = new LinkedHashMap<>();
    for (GridTsv.Line line : GridTsv.read(file)) {
      Map<String, String> point = line.point(space, "");
      rows.put(
          point,
          new Row(
              point,
              line.point(space, "vs "),
              line.get("design"),
              Integer.parseInt(line.get("replicates")),
              line.number("p50_ratio"),
              line.number("p95_ratio"),
              line.number("p95_low"),
              line.number("p95_high")));
    }
    return rows;
  }
}

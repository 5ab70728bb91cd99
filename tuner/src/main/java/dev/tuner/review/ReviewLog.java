package dev.tuner.review;

import dev.tuner.log.ExperimentLog;
import dev.tuner.log.LogRecord;
import dev.tuner.log.Stats;
import dev.tuner.log.Status;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An experiment log read for review: its segments (one per optimize run), each with its config, its
 * tries as {@link Row}s in order, and its hold-out check. Reads tuner's own log and
 * pi-autoresearch's (whose lines have no {@code type}; its segment numbers and metric names are
 * taken as they are).
 */
public record ReviewLog(Path file, List<Segment> segments) {

  /**
   * One run of the loop.
   *
   * @param config null when the log has no config line for it (pi-autoresearch logs may not)
   * @param holdout null when the run has not reached its hold-out check
   * @param relative whether the rows' levels are relative to the baseline (100 = baseline), chained
   *     from the decisions' ratios, rather than the logged metric: tuner measures each try next to
   *     the best of its time, so its absolute numbers from different comparisons do not line up,
   *     while its ratios do
   */
  public record Segment(
      int number,
      LogRecord.Config config,
      List<Row> rows,
      LogRecord.Holdout holdout,
      boolean relative) {

    /** The primary metric's name as logged ({@code p95_ms}), or {@code metric} when unknown. */
    public String metricName() {
      return config == null || config.metric() == null ? "metric" : config.metric();
    }

    /** The key of the primary metric in the decision's statistics: {@code p95_ms} → {@code p95}. */
    String statsKey() {
      String m = metricName();
      return m.endsWith("_ms") ? m.substring(0, m.length() - 3) : m;
    }

    public boolean lowerIsBetter() {
      return config == null
          || config.direction() == null
          || !config.direction().equalsIgnoreCase("higher");
    }

    public String unit() {
      return config == null || config.unit() == null ? "" : config.unit();
    }
  }

  /**
   * Reads {@code file}; each damaged line is reported to {@code warnings} with its line number and
   * skipped.
   *
   * @throws NoSuchFileException when there is no such file
   */
  public static ReviewLog read(Path file, PrintWriter warnings) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    return of(file, new ExperimentLog(file).read(warnings));
  }

  static ReviewLog of(Path file, List<LogRecord> records) {
    Map<Integer, LogRecord.Config> configs = new LinkedHashMap<>();
    Map<Integer, List<LogRecord.Experiment>> tries = new LinkedHashMap<>();
    Map<Integer, LogRecord.Holdout> holdouts = new LinkedHashMap<>();
    for (LogRecord r : records) {
      if (r instanceof LogRecord.Config c) {
        configs.put(c.segment(), c);
        tries.computeIfAbsent(c.segment(), k -> new ArrayList<>());
      } else if (r instanceof LogRecord.Experiment e) {
        tries.computeIfAbsent(e.segment(), k -> new ArrayList<>()).add(e);
      } else if (r instanceof LogRecord.Holdout h) {
        holdouts.put(h.segment(), h);
      }
    }
    List<Segment> segments = new ArrayList<>();
    for (var entry : tries.entrySet()) {
      Segment shell =
          new Segment(entry.getKey(), configs.get(entry.getKey()), List.of(), null, false);
      boolean relative =
          entry.getValue().stream()
              .anyMatch(e -> e.stats() != null && e.stats().get(shell.statsKey()) != null);
      segments.add(
          new Segment(
              shell.number(),
              shell.config(),
              rows(shell, entry.getValue(), relative),
              holdouts.get(entry.getKey()),
              relative));
    }
    return new ReviewLog(file, List.copyOf(segments));
  }

  /**
   * The tries of one segment with their changes, tracking the running best for logs without
   * statistics.
   */
  private static List<Row> rows(
      Segment segment, List<LogRecord.Experiment> experiments, boolean relative) {
    List<Row> rows = new ArrayList<>();
    Double best = null;
    Double bestLevel = null;
    for (LogRecord.Experiment e : experiments) {
      Change p50 = change(e.stats(), "p50");
      Change p95 = change(e.stats(), "p95");
      Change primary = change(e.stats(), segment.statsKey());
      boolean baseline = e.status() == Status.BASELINE;
      // A failed try has no measurement; pi-autoresearch logs 0 as the metric of a crash.
      boolean measured =
          e.metric() != null
              && !e.metric().isNaN()
              && !Row.FAILED.contains((e.status() == null ? "?" : e.status().label()));
      if (primary == null && !baseline && best != null && measured && best != 0) {
        primary = new Change(100 * (e.metric() / best - 1), null, null);
      }
      Double level;
      if (relative) {
        Change decided = change(e.stats(), segment.statsKey());
        level =
            baseline
                ? Double.valueOf(100)
                : decided == null
                    ? null
                    : (bestLevel == null ? 100 : bestLevel) * (1 + decided.percent() / 100);
      } else {
        level = measured ? e.metric() : null;
      }
      boolean advancing = Row.ADVANCING.contains((e.status() == null ? "?" : e.status().label()));
      if (advancing && measured) {
        best = e.metric();
      }
      if (advancing && level != null) {
        bestLevel = level;
      }
      rows.add(new Row(e, p50, p95, primary, level, bestLevel));
    }
    return List.copyOf(rows);
  }

  private static Change change(Map<String, Stats> stats, String key) {
    Stats s = stats == null ? null : stats.get(key);
    if (s == null) {
      return null;
    }
    Double low = s.ci() != null && s.ci().size() > 0 ? s.ci().get(0) : null;
    Double high = s.ci() != null && s.ci().size() > 1 ? s.ci().get(1) : null;
    return Change.ofRatio(s.ratio(), low, high);
  }

  /** Every try of every segment, in log order. */
  public List<Row> rows() {
    return segments.stream().flatMap(s -> s.rows().stream()).toList();
  }

  /** The segment with this number, or the last one when {@code number} is null. */
  public Optional<Segment> segment(Integer number) {
    if (segments.isEmpty()) {
      return Optional.empty();
    }
    if (number == null) {
      return Optional.of(segments.get(segments.size() - 1));
    }
    return segments.stream().filter(s -> s.number() == number).findFirst();
  }

  /** Whether the primary metric of the row's segment improves downwards. */
  boolean lowerIsBetter(Row row) {
    return segment(row.experiment().segment()).map(Segment::lowerIsBetter).orElse(true);
  }
}

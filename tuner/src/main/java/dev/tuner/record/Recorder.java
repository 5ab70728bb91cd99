package dev.tuner.record;

import dev.tuner.bench.BenchStage;
import dev.tuner.build.BuildStage;
import dev.tuner.commit.Repo;
import dev.tuner.error.TunerException;
import dev.tuner.log.Diff;
import dev.tuner.log.ExperimentLog;
import dev.tuner.log.LogRecord;
import dev.tuner.log.ProposerInfo;
import dev.tuner.log.ResultsTsv;
import dev.tuner.log.Stats;
import dev.tuner.log.Status;
import dev.tuner.log.WallTime;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The record stage: a try becomes a commit with trailers ({@code Tuner-Run}, {@code Tuner-Status},
 * …), a line of {@code experiments.jsonl} and a row of {@code results.tsv}. A try that is not kept
 * stays reachable under {@code refs/tuner/<tag>/tries/<run>}, so the log's commit shows what was
 * refused.
 */
public final class Recorder {

  private final Repo repo;
  private final ExperimentLog log;
  private final Path resultsTsv;
  private final BuildStage builds;
  private final String tag;
  private final String primaryMetric;
  private final Clock clock;

  public Recorder(
      Repo repo,
      ExperimentLog log,
      Path resultsTsv,
      BuildStage builds,
      String tag,
      String primaryMetric,
      Clock clock) {
    this.repo = repo;
    this.log = log;
    this.resultsTsv = resultsTsv;
    this.builds = builds;
    this.tag = tag;
    this.primaryMetric = primaryMetric;
    this.clock = clock;
  }

  /**
   * Writes a try: its commit's trailers, its ref when not kept, its log record and results.tsv.
   *
   * @param who the proposer and its cost, the run's total so far included
   * @return the record as logged, its commit the amended one
   */
  public LogRecord.Experiment write(Trial trial, int segment, ProposerInfo who)
      throws TunerException, IOException {
    Trial t = trial;
    if (t.commit() != null) {
      String amended = repo.amendMessage(message(t));
      // The build is kept by commit; amending the message gave the same tree a new id.
      builds.renamed(t.commit(), amended);
      t = t.withCommit(amended);
      if (!t.status().advancesBest()) {
        repo.keepRef(triesRef(t.run()), t.commit());
      }
    }
    BenchStage.Measurement numbers = t.decision() == null ? null : t.decision().candidate();
    LogRecord.Experiment record =
        new LogRecord.Experiment(
            t.run(),
            t.commit(),
            numbers == null ? null : numbers.ms(primaryMetric),
            numbers == null ? null : numbers.metrics(),
            t.status(),
            t.description(),
            now(),
            segment,
            t.decision() == null ? null : t.decision().confidence(),
            t.asi(),
            t.parent(),
            t.phase(),
            t.proposal().tags(),
            t.proposal().expectation(),
            t.decision() == null ? null : t.decision().stats(),
            numbers == null ? null : calls(numbers),
            numbers == null ? null : numbers.allocBytesPerOp(),
            who,
            t.diff(),
            t.wall(),
            t.proposal().knobs());
    append(record);
    return record;
  }

  /** Where a try that was not kept stays reachable. */
  public String triesRef(int run) {
    return "refs/tuner/" + tag + "/tries/" + run;
  }

  /** Writes the baseline: the starting commit's own numbers. */
  public LogRecord.Experiment baseline(
      String commit,
      BenchStage.Measurement numbers,
      int segment,
      String phase,
      String proposerKind,
      WallTime wall,
      Map<String, String> knobs)
      throws IOException {
    LogRecord.Experiment record =
        new LogRecord.Experiment(
            0,
            commit,
            numbers.ms(primaryMetric),
            numbers.metrics(),
            Status.BASELINE,
            "baseline",
            now(),
            segment,
            null,
            null,
            null,
            phase,
            List.of(),
            null,
            null,
            calls(numbers),
            numbers.allocBytesPerOp(),
            ProposerInfo.of(proposerKind),
            new Diff(List.of(), 0, 0),
            wall,
            knobs);
    append(record);
    return record;
  }

  /** Appends any other record (a run's config, its hold-out check). */
  public void append(LogRecord record) throws IOException {
    log.append(record);
    ResultsTsv.write(log, resultsTsv);
  }

  /** The log's timestamp for now, to the second. */
  public String now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** The commit message: the description, then trailers that {@code git log} readers can grep. */
  static String message(Trial t) {
    StringBuilder m = new StringBuilder(t.description());
    m.append("\n\nTuner-Run: ")
        .append(t.run())
        .append("\nTuner-Status: ")
        .append(t.status().label());
    Stats p95 = t.decision() == null ? null : t.decision().stats().get("p95");
    if (p95 != null) {
      m.append(String.format(Locale.ROOT, "\nTuner-P95-Ratio: %.4f", p95.ratio()));
    }
    if (t.asi() != null && t.asi().rollbackReason() != null) {
      m.append("\nTuner-Reason: ").append(t.asi().rollbackReason().lines().findFirst().orElse(""));
    }
    return m.append('\n').toString();
  }

  private static Map<String, Integer> calls(BenchStage.Measurement m) {
    Map<String, Integer> calls = new LinkedHashMap<>();
    m.callsPerOp().forEach((u, n) -> calls.put(u, (int) Math.round(n)));
    return calls;
  }
}

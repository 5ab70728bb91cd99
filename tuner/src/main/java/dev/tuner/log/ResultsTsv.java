package dev.tuner.log;

import dev.tuner.io.AtomicFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code .tuner/results.tsv}: the log's experiments as one tab-separated line each ({@code commit},
 * {@code metric}, {@code p50}, {@code status}, {@code description}), rewritten whole from the JSONL
 * so the two never disagree.
 */
public final class ResultsTsv {

  private ResultsTsv() {}

  public static void write(ExperimentLog log, Path file) throws IOException {
    StringBuilder tsv = new StringBuilder("commit\tmetric\tp50\tstatus\tdescription\n");
    for (LogRecord r : log.read(new PrintWriter(new StringWriter()))) {
      if (r instanceof LogRecord.Experiment e) {
        Double p50 = e.metrics() == null ? null : e.metrics().get("p50_ms");
        tsv.append(
                e.commit() == null
                    ? "-"
                    : e.commit().substring(0, Math.min(7, e.commit().length())))
            .append('\t')
            .append(number(e.metric()))
            .append('\t')
            .append(number(p50))
            .append('\t')
            .append(e.status() == null ? "?" : e.status().label())
            .append('\t')
            .append(
                e.description() == null
                    ? ""
                    : e.description().replace('\t', ' ').replace('\n', ' '))
            .append('\n');
      }
    }
    AtomicFile.write(file, tsv.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String number(Double value) {
    return value == null || value.isNaN() ? "-" : String.format(Locale.ROOT, "%.3f", value);
  }
}

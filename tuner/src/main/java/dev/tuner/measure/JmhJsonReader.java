package dev.tuner.measure;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuner.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

// Over 300 lines: one reader of JMH's JSON format, each method one field group with its own error.
/**
 * Reads the JSON that JMH writes with {@code -rf json} into {@link JmhResults}.
 *
 * <p>Every record must be in {@code Mode.SampleTime} ({@code "sample"}), the only mode whose JSON
 * keeps each fork's samples ({@code primaryMetric.rawDataHistogram[fork][iteration] = [[value,
 * count], ...]}). The one exception is a {@code "thrpt"} record of a case that also has a
 * SampleTime record: JMH reports {@code @AuxCounters} only in Throughput and AverageTime modes, so
 * a benchmark run with {@code -bm sample,thrpt} gets its counters per operation from there (see
 * {@link JmhCase#countersPerOp()}).
 *
 * <p>Latencies are normalised to nanoseconds whatever the {@code scoreUnit}. A secondary metric
 * missing from an iteration counts as 0 in that iteration's mean: JMH's gc profiler omits {@code
 * gc.alloc.rate.norm}, {@code gc.count} and {@code gc.time} when there was nothing to report.
 */
public final class JmhJsonReader {

  private static final ObjectMapper MAPPER = Json.mapper();

  /**
   * SampleTime's own per-iteration percentiles ({@code p0.50}, {@code p1.00}): the histogram says
   * it better.
   */
  private static final Pattern DERIVED_PERCENTILE = Pattern.compile("p\\d\\.\\d+");

  private static final Map<String, Double> NANOS_PER_UNIT =
      Map.of("ns", 1.0, "us", 1e3, "ms", 1e6, "s", 1e9, "min", 60e9);

  private final Path file;

  private JmhJsonReader(Path file) {
    this.file = file;
  }

  /**
   * Reads one JMH JSON result file.
   *
   * @throws JmhResultException if the file is not JMH JSON, lacks a field the tuner needs, or holds
   *     a mode other than SampleTime (besides the Throughput companion described above)
   * @throws IOException if the file cannot be read
   */
  public static JmhResults read(Path file) throws IOException {
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = MAPPER.readTree(in);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new JmhResultException(
          file, "not valid JSON" + where + ": " + e.getOriginalMessage(), e);
    }
    return new JmhJsonReader(file).results(root);
  }

  private JmhResults results(JsonNode root) throws JmhResultException {
    if (root == null || !root.isArray()) {
      throw problem("expected a JSON array of benchmark results (JMH -rf json)");
    }
    if (root.isEmpty()) {
      throw problem("holds no benchmark results");
    }
    Map<String, JmhCase> samples = new LinkedHashMap<>();
    Map<String, Map<String, List<Double>>> counters = new HashMap<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode record = root.get(i);
      String where = "result #" + (i + 1);
      if (!record.isObject()) {
        throw problem(where + " is not a JSON object");
      }
      String benchmark = text(record, "benchmark", where);
      Map<String, String> params = params(record, where);
      String id = JmhCase.id(benchmark, params);
      String mode = text(record, "mode", id);
      Map<String, ?> seen = mode.equals("sample") ? samples : counters;
      if (seen.containsKey(id)) {
        throw problem(id + " appears twice in mode " + mode);
      }
      switch (mode) {
        case "sample" -> samples.put(id, sampleCase(record, benchmark, params, id));
        case "thrpt" -> counters.put(id, countersPerOp(record, id));
        default ->
            throw problem(
                String.format(
                    "%s is in mode \"%s\"; the tuner needs SampleTime (-bm sample, or"
                        + " -bm sample,thrpt to also read @AuxCounters)",
                    id, mode));
      }
    }
    for (String id : counters.keySet()) {
      if (!samples.containsKey(id)) {
        throw problem(
            id + " has a thrpt result but no SampleTime result; run with -bm sample,thrpt");
      }
    }
    if (samples.isEmpty()) {
      throw problem("holds no SampleTime results");
    }
    List<JmhCase> cases = new ArrayList<>();
    for (JmhCase c : samples.values()) {
      cases.add(
          new JmhCase(
              c.benchmark(), c.params(), c.forks(), counters.getOrDefault(c.id(), Map.of())));
    }
    return new JmhResults(file, cases);
  }

  private JmhCase sampleCase(
      JsonNode record, String benchmark, Map<String, String> params, String id)
      throws JmhResultException {
    JsonNode primary = object(record, "primaryMetric", id);
    double nanosPerUnit = nanosPerUnit(text(primary, "scoreUnit", id + " primaryMetric"), id);
    JsonNode forks = array(primary, "rawDataHistogram", id + " primaryMetric");
    if (forks.isEmpty()) {
      throw problem(id + ": primaryMetric.rawDataHistogram has no forks");
    }
    List<Histogram> histograms = new ArrayList<>();
    List<Integer> iterations = new ArrayList<>();
    for (int f = 0; f < forks.size(); f++) {
      histograms.add(histogram(forks.get(f), nanosPerUnit, id + " fork " + (f + 1)));
      iterations.add(forks.get(f).size());
    }
    List<Map<String, Double>> secondary = secondaryMeans(record, iterations, id);
    List<ForkResult> results = new ArrayList<>();
    for (int f = 0; f < histograms.size(); f++) {
      results.add(ForkResult.of(histograms.get(f), secondary.get(f)));
    }
    return new JmhCase(benchmark, params, results, Map.of());
  }

  /** Merges one fork's iterations; values converted to nanoseconds. */
  private Histogram histogram(JsonNode iterations, double nanosPerUnit, String where)
      throws JmhResultException {
    if (!iterations.isArray() || iterations.isEmpty()) {
      throw problem(where + ": rawDataHistogram has no iterations");
    }
    TreeMap<Double, Long> counts = new TreeMap<>();
    for (JsonNode iteration : iterations) {
      if (!iteration.isArray()) {
        throw problem(where + ": rawDataHistogram iteration is not an array of [value, count]");
      }
      for (JsonNode pair : iteration) {
        if (!pair.isArray()
            || pair.size() != 2
            || !pair.get(0).isNumber()
            || !pair.get(1).canConvertToLong()) {
          throw problem(where + ": rawDataHistogram entry " + pair + " is not [value, count]");
        }
        counts.merge(pair.get(0).asDouble() * nanosPerUnit, pair.get(1).asLong(), Long::sum);
      }
    }
    try {
      return Histogram.of(counts);
    } catch (IllegalArgumentException e) {
      throw problem(where + ": " + e.getMessage());
    }
  }

  /** Per fork: metric → mean over the fork's measurement iterations (missing iterations are 0). */
  private List<Map<String, Double>> secondaryMeans(
      JsonNode record, List<Integer> iterations, String id) throws JmhResultException {
    List<Map<String, Double>> perFork = new ArrayList<>();
    iterations.forEach(n -> perFork.add(new HashMap<>()));
    JsonNode metrics = record.path("secondaryMetrics");
    for (Map.Entry<String, JsonNode> metric : metrics.properties()) {
      String name = metric.getKey();
      if (DERIVED_PERCENTILE.matcher(name).matches()) {
        continue;
      }
      String where = id + " secondaryMetrics." + name;
      JsonNode forks = array(metric.getValue(), "rawData", where);
      if (forks.size() > iterations.size()) {
        throw problem(
            where + " has " + forks.size() + " forks, the primary metric " + iterations.size());
      }
      for (int f = 0; f < forks.size(); f++) {
        JsonNode values = forks.get(f);
        int n = iterations.get(f);
        if (!values.isArray() || values.size() > n) {
          throw problem(
              String.format(
                  "%s fork %d has more values than its %d measurement iterations",
                  where, f + 1, n));
        }
        double sum = 0;
        for (JsonNode v : values) {
          sum += number(v, where);
        }
        perFork.get(f).put(name, sum / n);
      }
    }
    return perFork;
  }

  /** Aux counter rate ÷ primary rate: the counter's count per benchmark operation. */
  private Map<String, List<Double>> countersPerOp(JsonNode record, String id)
      throws JmhResultException {
    JsonNode primary = object(record, "primaryMetric", id + " (thrpt)");
    String opsUnit = text(primary, "scoreUnit", id + " (thrpt) primaryMetric");
    JsonNode opsRates = array(primary, "rawData", id + " (thrpt) primaryMetric");
    Map<String, List<Double>> counters = new TreeMap<>();
    for (Map.Entry<String, JsonNode> metric : record.path("secondaryMetrics").properties()) {
      // An OPERATIONS aux counter is reported as a rate in the primary's unit; profilers use
      // others.
      if (!opsUnit.equals(metric.getValue().path("scoreUnit").asText())) {
        continue;
      }
      String where = id + " (thrpt) secondaryMetrics." + metric.getKey();
      JsonNode rates = array(metric.getValue(), "rawData", where);
      if (rates.size() != opsRates.size()) {
        throw problem(
            where + " has " + rates.size() + " forks, the primary metric " + opsRates.size());
      }
      List<Double> perFork = new ArrayList<>();
      for (int f = 0; f < rates.size(); f++) {
        JsonNode counts = rates.get(f);
        JsonNode ops = opsRates.get(f);
        if (!counts.isArray() || !ops.isArray() || counts.size() != ops.size() || ops.isEmpty()) {
          throw problem(where + " fork " + (f + 1) + " does not match the primary's iterations");
        }
        double sum = 0;
        for (int i = 0; i < ops.size(); i++) {
          double opsRate = number(ops.get(i), id + " (thrpt) primaryMetric");
          if (!(opsRate > 0)) {
            throw problem(id + " (thrpt) fork " + (f + 1) + " has a throughput of " + opsRate);
          }
          sum += number(counts.get(i), where) / opsRate;
        }
        perFork.add(sum / ops.size());
      }
      counters.put(metric.getKey(), List.copyOf(perFork));
    }
    return counters;
  }

  private Map<String, String> params(JsonNode record, String where) throws JmhResultException {
    JsonNode params = record.path("params");
    if (params.isMissingNode()) {
      return Map.of();
    }
    if (!params.isObject()) {
      throw problem(where + ": params is not an object");
    }
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, JsonNode> p : params.properties()) {
      out.put(p.getKey(), p.getValue().asText());
    }
    return out;
  }

  private double nanosPerUnit(String scoreUnit, String where) throws JmhResultException {
    Double factor =
        scoreUnit.endsWith("/op")
            ? NANOS_PER_UNIT.get(scoreUnit.substring(0, scoreUnit.length() - 3))
            : null;
    if (factor == null) {
      throw problem(where + ": scoreUnit \"" + scoreUnit + "\" is not a time per operation");
    }
    return factor;
  }

  private String text(JsonNode node, String field, String where) throws JmhResultException {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw problem(where + ": missing text field \"" + field + "\"");
    }
    return value.asText();
  }

  private JsonNode object(JsonNode node, String field, String where) throws JmhResultException {
    JsonNode value = node.get(field);
    if (value == null || !value.isObject()) {
      throw problem(where + ": missing object \"" + field + "\"");
    }
    return value;
  }

  private JsonNode array(JsonNode node, String field, String where) throws JmhResultException {
    JsonNode value = node.get(field);
    if (value == null || !value.isArray()) {
      throw problem(where + ": missing array \"" + field + "\"");
    }
    return value;
  }

  private double number(JsonNode value, String where) throws JmhResultException {
    if (!value.isNumber()) {
      throw problem(where + ": " + value + " is not a number");
    }
    return value.asDouble();
  }

  private JmhResultException problem(String what) {
    return new JmhResultException(file, what);
  }
}

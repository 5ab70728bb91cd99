package dev.tuner.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tuner.decide.CaseFork;
import dev.tuner.decide.Criterion;
import dev.tuner.decide.ForkSummary;
import dev.tuner.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The real decisions of one {@code tuner calibrate} run, read back from its {@code report.json}:
 * every round of every decision, as the calibration measured it, and the rule it decided by.
 *
 * @param file where they were read from, for messages
 * @param paired whether the rounds are paired (the in-JVM design) or independent forks
 */
record RecordedDecisions(
    Path file,
    boolean paired,
    double threshold,
    double alpha,
    List<Integer> looks,
    Criterion criterion,
    double tailMargin,
    List<Decision> decisions) {

  /** One real decision: its scenario's name ({@code A/A}, {@code -2%}, …) and its rounds. */
  record Decision(String scenario, List<ForkSummary> a, List<ForkSummary> b) {}

  RecordedDecisions {
    looks = List.copyOf(looks);
    decisions = List.copyOf(decisions);
  }

  /**
   * Reads {@code report.json}; a file that is not one is an error naming it and what is missing.
   */
  static RecordedDecisions read(Path file) throws IOException {
    JsonNode root;
    try {
      // Reports kept beside the notes are gzipped: a quiet run's is about a megabyte.
      root =
          file.toString().endsWith(".gz")
              ? Json.mapper().readTree(new GZIPInputStream(Files.newInputStream(file)))
              : Json.mapper().readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          file
              + " is not JSON (line "
              + e.getLocation().getLineNr()
              + "): "
              + e.getOriginalMessage());
    }
    Reader in = new Reader(file);
    JsonNode settings = in.field(root, "settings");
    List<Integer> looks = new ArrayList<>();
    in.field(settings, "looks").forEach(n -> looks.add(n.asInt()));
    String label = in.field(settings, "criterion").asText();
    Criterion criterion =
        criterionNamed(label)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        file + ": settings.criterion '" + label + "' is unknown"));
    List<Decision> decisions = new ArrayList<>();
    for (JsonNode run : in.field(root, "runs")) {
      List<ForkSummary> a = new ArrayList<>();
      List<ForkSummary> b = new ArrayList<>();
      for (JsonNode round : in.field(run, "replicates")) {
        a.add(in.side(in.field(round, "a")));
        b.add(in.side(in.field(round, "b")));
      }
      decisions.add(new Decision(in.field(in.field(run, "scenario"), "name").asText(), a, b));
    }
    return new RecordedDecisions(
        file,
        in.field(settings, "design").asText().equals("interleaved"),
        in.field(settings, "threshold").asDouble(),
        in.field(settings, "alpha").asDouble(),
        looks,
        criterion,
        in.field(settings, "tail_margin").asDouble(),
        decisions);
  }

  /** The criterion the spec and calibrate's report spell {@code label}, if there is one. */
  static Optional<Criterion> criterionNamed(String label) {
    return Arrays.stream(Criterion.values()).filter(c -> c.label().equals(label)).findFirst();
  }

  /** The fewest rounds any decision has: the last look a re-decision may ask for. */
  int fewestRounds() {
    return decisions.stream().mapToInt(d -> d.a().size()).min().orElse(0);
  }

  private record Reader(Path file) {
    JsonNode field(JsonNode node, String name) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        throw new IllegalArgumentException(
            file + " lacks '" + name + "': not a report.json written by tuner calibrate");
      }
      return value;
    }

    ForkSummary side(JsonNode cases) {
      Map<String, CaseFork> byCase = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = cases.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> c = it.next();
        JsonNode n = c.getValue();
        double p50 = field(n, "p50").asDouble();
        // Reports before 2026-12-07 lack the wall clock's p50: they were read on the wall clock.
        JsonNode wall = n.get("wallP50");
        byCase.put(
            c.getKey(),
            new CaseFork(
                p50,
                field(n, "p95").asDouble(),
                field(n, "allocBytesPerOp").asDouble(),
                wall == null ? p50 : wall.asDouble()));
      }
      return new ForkSummary(byCase);
    }
  }
}

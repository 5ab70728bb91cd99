package dev.tuner.propose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuner.io.Json;
import dev.tuner.io.Processes;
import dev.tuner.log.ProposerInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Any external coding agent or script as a proposer: it runs in the working tree with the prompt in
 * a file, and whatever it changed is the proposal. It may describe its change by writing JSON to
 * {@code $TUNER_RESULT_FILE}: {@code {"description", "hypothesis", "expectation", "tags",
 * "ideas"}}; otherwise its last line of output is the description.
 *
 * <p>Environment: {@code TUNER_PROMPT_FILE}, {@code TUNER_RESULT_FILE}, {@code TUNER_IDEAS_FILE},
 * {@code TUNER_RUN}, {@code TUNER_BEST_COMMIT}, {@code TUNER_ROOT}.
 */
public final class CommandProposer implements Proposer {

  private static final int OUTPUT_TAIL_LINES = 20;
  private static final ObjectMapper JSON = Json.mapper();

  private final String command;
  private final Path stateDir;

  public CommandProposer(String command, Path stateDir) {
    this.command = command;
    this.stateDir = stateDir;
  }

  @Override
  public String kind() {
    return "command";
  }

  @Override
  public boolean readsPrompt() {
    return true;
  }

  @Override
  public Proposal propose(ProposalRequest request) throws IOException {
    ProposerInfo info = ProposerInfo.of(kind());
    Path result = stateDir.resolve("proposals/run-" + request.run() + ".result.json");
    Path log = stateDir.resolve("proposals/run-" + request.run() + ".log");
    Files.createDirectories(result.getParent());
    Files.deleteIfExists(result);
    Map<String, String> env =
        Map.of(
            "TUNER_PROMPT_FILE", request.promptFile().toString(),
            "TUNER_RESULT_FILE", result.toString(),
            "TUNER_IDEAS_FILE", request.ideasFile().toString(),
            "TUNER_RUN", Integer.toString(request.run()),
            "TUNER_BEST_COMMIT", request.bestCommit(),
            "TUNER_ROOT", request.root().toString());
    Processes.Outcome outcome =
        Processes.shell(command, request.root(), env, request.timeout(), log);
    String tail = outcome.tail(OUTPUT_TAIL_LINES);
    if (outcome.timedOut()) {
      return new Proposal(
          Proposal.Outcome.TIMEOUT,
          "command proposal " + request.run(),
          null,
          null,
          null,
          null,
          info,
          "the proposer command ran past " + request.timeout().toSeconds() + " s and was killed",
          tail);
    }
    if (outcome.exitCode() != 0) {
      return Proposal.invalid(
          "command proposal " + request.run(),
          "the proposer command exited " + outcome.exitCode(),
          info,
          tail);
    }
    if (Files.exists(result)) {
      JsonNode json;
      try {
        json = JSON.readTree(Files.readString(result));
      } catch (IOException e) {
        return Proposal.invalid(
            "command proposal " + request.run(),
            result + " is not valid JSON: " + e.getMessage(),
            info,
            tail);
      }
      return new Proposal(
          Proposal.Outcome.CHANGED,
          text(json, "description", lastLine(tail, request.run())),
          text(json, "hypothesis", null),
          text(json, "expectation", null),
          strings(json, "tags"),
          strings(json, "ideas"),
          info,
          null,
          tail);
    }
    return Proposal.changed(lastLine(tail, request.run()), null, info, tail);
  }

  private static String lastLine(String output, int run) {
    List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "command proposal " + run : lines.get(lines.size() - 1).strip();
  }

  private static String text(JsonNode json, String field, String fallback) {
    JsonNode node = json.get(field);
    return node == null || !node.isTextual() ? fallback : node.asText();
  }

  private static List<String> strings(JsonNode json, String field) {
    List<String> out = new ArrayList<>();
    JsonNode node = json.get(field);
    if (node != null && node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    }
    return out;
  }
}

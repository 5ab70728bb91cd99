package dev.tuner.mcp;

import dev.tuner.log.ProposerInfo;
import dev.tuner.propose.llm.Answer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One proposal an agent brings to {@code evaluate}: a unified diff or search/replace edits (the LLM
 * proposer's form), with what it expects and who made it.
 *
 * @param diff a unified diff against the current best; null when {@code edits} are given
 * @param edits search/replace edits; empty when {@code diff} is given
 */
record Submission(
    String diff,
    List<Answer.Edit> edits,
    String description,
    String hypothesis,
    String expectation,
    List<String> tags,
    List<String> ideas,
    ProposerInfo proposer) {

  /**
   * The most a proposal may weigh (diff or edits, UTF-8): a change an agent means is far smaller,
   * and a larger one would only fill the log, the commit and the prompt of every later try.
   */
  static final int MAX_BYTES = 256 * 1024;

  Submission {
    edits = edits == null ? List.of() : List.copyOf(edits);
    tags = tags == null ? List.of() : List.copyOf(tags);
    ideas = ideas == null ? List.of() : List.copyOf(ideas);
  }

  /**
   * Reads {@code evaluate}'s arguments (already checked against its schema for unknown keys).
   *
   * @param client the MCP client as it introduced itself, {@code name version}
   * @throws BadArguments naming what is wrong
   */
  static Submission of(Arguments a, String client) throws BadArguments {
    String diff = a.string("diff");
    List<Map<String, Object>> rawEdits = a.objects("edits");
    if ((diff == null) == (rawEdits == null)) {
      throw new BadArguments("evaluate: give either diff (a unified diff) or edits, not both");
    }
    String description = a.required("description").strip();
    if (description.isEmpty() || description.contains("\n")) {
      throw new BadArguments("evaluate: description must be one non-empty line");
    }
    List<Answer.Edit> edits = new ArrayList<>();
    long bytes = 0;
    if (rawEdits != null) {
      if (rawEdits.isEmpty()) {
        throw new BadArguments("evaluate: edits is empty; give at least one edit");
      }
      for (int i = 0; i < rawEdits.size(); i++) {
        Arguments e =
            new Arguments("evaluate: edits[" + i + "]", rawEdits.get(i))
                .only(java.util.Set.of("file", "search", "replace"));
        Answer.Edit edit =
            new Answer.Edit(e.required("file"), e.string("search", ""), e.required("replace"));
        bytes += size(edit.search()) + size(edit.replace());
        edits.add(edit);
      }
    } else {
      if (diff.isBlank()) {
        throw new BadArguments("evaluate: diff is empty");
      }
      bytes = size(diff);
      String escape = DiffPaths.escaping(diff);
      if (escape != null) {
        throw new BadArguments("evaluate: the diff writes outside the work tree: " + escape);
      }
    }
    if (bytes > MAX_BYTES) {
      throw new BadArguments(
          "evaluate: the proposal is "
              + bytes
              + " bytes, over the limit of "
              + MAX_BYTES
              + "; propose a smaller, focused change");
    }
    Long tokensIn = a.count("tokens_in");
    Long tokensOut = a.count("tokens_out");
    Double cost = a.decimal("cost_usd");
    return new Submission(
        diff,
        edits,
        description,
        a.string("hypothesis"),
        a.string("expectation"),
        a.strings("tags"),
        a.strings("ideas"),
        new ProposerInfo(
            AgentProposer.KIND, a.string("model"), tokensIn, tokensOut, cost, null, client));
  }

  private static long size(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}

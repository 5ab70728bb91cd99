package dev.tuner.propose.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuner.io.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a model's answer strictly: one JSON object with exactly the fields of {@link Answer}, each
 * of the right type. Every problem becomes a one-line reason the next prompt can show the model.
 */
final class AnswerParser {

  private static final ObjectMapper JSON = Json.mapper();
  private static final Set<String> FIELDS = Set.of("hypothesis", "expectation", "edits", "ideas");
  private static final Set<String> EDIT_FIELDS = Set.of("file", "search", "replace");

  private AnswerParser() {}

  /** Either the answer or why it is unusable. */
  record Parsed(Answer answer, String problem) {}

  static Parsed parse(String text) {
    if (text == null || text.isBlank()) {
      return fail("the answer was empty");
    }
    JsonNode root;
    try {
      root = JSON.readTree(unfence(text.strip()));
    } catch (JsonProcessingException e) {
      return fail(
          "the answer is not valid JSON: "
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr());
    }
    if (root == null || !root.isObject()) {
      return fail("the answer is not a JSON object");
    }
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (!FIELDS.contains(field.getKey())) {
        return fail("the answer has an unknown field '" + field.getKey() + "'; allowed: " + FIELDS);
      }
    }
    String hypothesis = text(root, "hypothesis");
    if (hypothesis == null || hypothesis.isBlank()) {
      return fail("the answer needs a non-empty string 'hypothesis'");
    }
    JsonNode expectation = root.get("expectation");
    if (expectation != null && !expectation.isNull() && !expectation.isTextual()) {
      return fail("'expectation' must be a string");
    }
    JsonNode edits = root.get("edits");
    if (edits == null || !edits.isArray() || edits.isEmpty()) {
      return fail("the answer needs a non-empty array 'edits' of {file, search, replace}");
    }
    List<Answer.Edit> parsed = new ArrayList<>();
    for (int i = 0; i < edits.size(); i++) {
      JsonNode edit = edits.get(i);
      String where = "edits[" + i + "]";
      if (!edit.isObject()) {
        return fail(where + " is not an object {file, search, replace}");
      }
      for (Map.Entry<String, JsonNode> field : edit.properties()) {
        if (!EDIT_FIELDS.contains(field.getKey())) {
          return fail(
              where + " has an unknown field '" + field.getKey() + "'; allowed: " + EDIT_FIELDS);
        }
      }
      for (String f : EDIT_FIELDS) {
        if (edit.get(f) == null || !edit.get(f).isTextual()) {
          return fail(where + "." + f + " must be a string");
        }
      }
      if (edit.get("file").asText().isBlank()) {
        return fail(where + ".file is empty");
      }
      parsed.add(
          new Answer.Edit(
              edit.get("file").asText(),
              edit.get("search").asText(),
              edit.get("replace").asText()));
    }
    List<String> ideas = new ArrayList<>();
    JsonNode ideaNode = root.get("ideas");
    if (ideaNode != null && !ideaNode.isNull()) {
      if (!ideaNode.isArray()) {
        return fail("'ideas' must be an array of strings");
      }
      for (JsonNode idea : ideaNode) {
        if (!idea.isTextual()) {
          return fail("'ideas' must be an array of strings");
        }
        if (!idea.asText().isBlank()) {
          ideas.add(idea.asText());
        }
      }
    }
    return new Parsed(
        new Answer(
            hypothesis.strip(),
            expectation == null || expectation.isNull() ? null : expectation.asText().strip(),
            parsed,
            ideas),
        null);
  }

  /**
   * Models asked for JSON still wrap it in a Markdown fence now and then; the JSON inside is what
   * counts.
   */
  static String unfence(String text) {
    if (text.startsWith("```") && text.endsWith("```") && text.length() > 6) {
      String inner = text.substring(3, text.length() - 3);
      int newline = inner.indexOf('\n');
      return newline < 0 ? inner : inner.substring(newline + 1);
    }
    return text;
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    return node == null || !node.isTextual() ? null : node.asText();
  }

  private static Parsed fail(String problem) {
    return new Parsed(null, problem);
  }
}

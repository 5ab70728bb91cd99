package dev.tuner.mcp;

/**
 * The tools' input schemas (JSON Schema, as MCP wants them). Each refuses properties it does not
 * name, so a misspelt argument is an error rather than a silent default; docs/reference/mcp.md
 * lists the same.
 */
final class Schemas {

  private Schemas() {}

  static final String EMPTY =
      """
      {"type": "object", "properties": {}, "additionalProperties": false}
      """;

  static final String START =
      """
      {
        "type": "object",
        "properties": {
          "tag": {"type": "string", "description": "Names the branch tuner/<tag> (default: mcp-<date-time>; on resume: the last run's)."},
          "resume": {"type": "boolean", "description": "Continue the last run from its log (after a crash or a disconnect)."},
          "max_experiments": {"type": "integer", "minimum": 0, "description": "Tries before evaluate refuses (default: optimize.maxExperiments)."},
          "max_minutes": {"type": "integer", "minimum": 1, "description": "Wall-clock budget of the run."},
          "max_cost_usd": {"type": "number", "minimum": 0, "description": "Stop once the cost the agent reports with its proposals reaches this."},
          "plateau": {"type": "integer", "minimum": 1, "description": "Stop after this many benchmarked tries in a row not kept."}
        },
        "additionalProperties": false
      }
      """;

  static final String EVALUATE =
      """
      {
        "type": "object",
        "properties": {
          "description": {"type": "string", "description": "One line: what the change does (the commit's subject)."},
          "diff": {"type": "string", "description": "A unified diff against the current best (git diff format, paths relative to the repository root)."},
          "edits": {
            "type": "array",
            "description": "Search/replace edits, applied all or nothing: each replaces the one occurrence of search in file; an empty search creates the file.",
            "items": {
              "type": "object",
              "properties": {
                "file": {"type": "string"},
                "search": {"type": "string"},
                "replace": {"type": "string"}
              },
              "required": ["file", "replace"],
              "additionalProperties": false
            }
          },
          "hypothesis": {"type": "string", "description": "Why it should be faster, naming the frame of the profile it aims at (logged as asi.hypothesis)."},
          "expectation": {"type": "string", "description": "What you expect, e.g. 'p95 -10%'."},
          "tags": {"type": "array", "items": {"type": "string"}},
          "ideas": {"type": "array", "items": {"type": "string"}, "description": "Ideas to park for later tries."},
          "model": {"type": "string", "description": "The model that proposed it (logged as proposer.model)."},
          "tokens_in": {"type": "integer", "minimum": 0},
          "tokens_out": {"type": "integer", "minimum": 0},
          "cost_usd": {"type": "number", "minimum": 0, "description": "What this proposal cost; counted against max_cost_usd."}
        },
        "required": ["description"],
        "additionalProperties": false
      }
      """;

  static final String LOG =
      """
      {
        "type": "object",
        "properties": {
          "status": {"type": "array", "items": {"type": "string"}, "description": "Only tries with these statuses (keep, discard, parity_failed, ...)."},
          "last": {"type": "integer", "minimum": 1, "description": "Only the last N tries."},
          "group_by": {"type": "string", "enum": ["status", "phase", "tag", "proposer", "model"]}
        },
        "additionalProperties": false
      }
      """;

  static final String ADD_IDEA =
      """
      {
        "type": "object",
        "properties": {"idea": {"type": "string", "description": "The idea, one paragraph."}},
        "required": ["idea"],
        "additionalProperties": false
      }
      """;
}

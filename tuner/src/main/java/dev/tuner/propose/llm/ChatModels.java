package dev.tuner.propose.llm;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

/**
 * LangChain4j chat models for the providers the llm proposer supports. Retries are the proposer's
 * own (so every provider retries alike and each attempt is counted), so the models never retry by
 * themselves.
 */
final class ChatModels {

  private ChatModels() {}

  static ChatModel create(LlmSettings s) {
    return switch (s.provider()) {
      case "openai", "openai-compatible" -> {
        OpenAiChatModel.OpenAiChatModelBuilder b =
            OpenAiChatModel.builder()
                .modelName(s.model())
                // A local OpenAI-compatible server may need no key, but the client sends one
                // regardless.
                .apiKey(s.apiKey() == null ? "none" : s.apiKey())
                .temperature(s.temperature())
                .timeout(s.timeout())
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false);
        if (s.baseUrl() != null) {
          b.baseUrl(s.baseUrl());
        }
        if (s.provider().equals("openai")) {
          // OpenAI's own API wants max_completion_tokens (its reasoning models refuse max_tokens);
          // other
          // OpenAI-compatible servers know max_tokens.
          b.maxCompletionTokens(s.maxTokens())
              .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
              .strictJsonSchema(true);
        } else {
          b.maxTokens(s.maxTokens());
        }
        yield b.build();
      }
      case "anthropic" -> {
        AnthropicChatModel.AnthropicChatModelBuilder b =
            AnthropicChatModel.builder()
                .modelName(s.model())
                .apiKey(s.apiKey())
                .temperature(s.temperature())
                .maxTokens(s.maxTokens())
                .timeout(s.timeout())
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false);
        if (s.baseUrl() != null) {
          b.baseUrl(s.baseUrl());
        }
        yield b.build();
      }
      case "ollama" ->
          OllamaChatModel.builder()
              .modelName(s.model())
              .baseUrl(s.baseUrl() == null ? "http://localhost:11434" : s.baseUrl())
              .temperature(s.temperature())
              .numPredict(s.maxTokens())
              .timeout(s.timeout())
              .maxRetries(0)
              .logRequests(false)
              .logResponses(false)
              .build();
      default -> throw new IllegalArgumentException("unknown provider " + s.provider());
    };
  }

  /**
   * How the answer's JSON is asked for: a strict JSON schema where the provider enforces one
   * (OpenAI, Ollama), plain JSON mode for other OpenAI-compatible servers, and for Anthropic only
   * the instructions in the prompt. Whatever comes back is parsed strictly either way.
   */
  static ResponseFormat responseFormat(String provider) {
    return switch (provider) {
      case "openai", "ollama" ->
          ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(SCHEMA).build();
      case "openai-compatible" -> ResponseFormat.JSON;
      default -> null;
    };
  }

  static final JsonSchema SCHEMA =
      JsonSchema.builder()
          .name("proposal")
          .rootElement(
              JsonObjectSchema.builder()
                  .addStringProperty(
                      "hypothesis",
                      "why this change should make the hot path faster, naming the profile"
                          + " frame it aims at")
                  .addStringProperty("expectation", "the expected effect, e.g. 'p95 -10%'")
                  .addProperty(
                      "edits",
                      JsonArraySchema.builder()
                          .items(
                              JsonObjectSchema.builder()
                                  .addStringProperty(
                                      "file", "repository-relative path of an in-scope file")
                                  .addStringProperty(
                                      "search", "text that occurs exactly once in the file")
                                  .addStringProperty("replace", "its replacement")
                                  .required("file", "search", "replace")
                                  .additionalProperties(false)
                                  .build())
                          .build())
                  .addProperty(
                      "ideas", JsonArraySchema.builder().items(new JsonStringSchema()).build())
                  .required("hypothesis", "expectation", "edits", "ideas")
                  .additionalProperties(false)
                  .build())
          .build();
}

package dev.tuner.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The tuner's JSON mappers, configured once: an {@link ObjectMapper} is costly to build and safe to
 * share once configured, so callers take one of these and never reconfigure it. A format with
 * settings of its own keeps its mapper beside it ({@code ExperimentLog}'s snake_case lines, the
 * harness's canonical goldens), as does YAML ({@code KnobFile}).
 */
public final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper LENIENT =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Json() {}

  /**
   * Jackson's defaults: compact output, and binding to a type fails on a field the type lacks. For
   * trees (JMH's results, a proposer's answer) and for what this same build wrote.
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Like {@link #mapper()}, writing indented JSON: files a person reads (reports, summaries). */
  public static ObjectMapper pretty() {
    return PRETTY;
  }

  /**
   * Like {@link #mapper()}, ignoring fields the bound type lacks: for JSON another build wrote (the
   * harness in a candidate's build may report more than this tuner knows).
   */
  public static ObjectMapper lenient() {
    return LENIENT;
  }
}

package dev.tuner.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The harness's JSON mappers, configured once and shared (never reconfigure them); named apart from
 * WireMock's {@code Json}, which the harness uses too. The golden format keeps its own mapper
 * ({@code CanonicalJson}), as does the spec's YAML ({@code SpecReader}).
 */
public final class JsonMappers {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonMappers() {}

  /** Jackson's defaults: compact output; binding fails on a field the type lacks. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Like {@link #mapper()}, writing indented JSON: manifests and reports a person may read. */
  public static ObjectMapper pretty() {
    return PRETTY;
  }
}

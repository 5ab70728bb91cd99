package dev.tuner.harness.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The one key of the spec's {@code benchmark} section the harness needs: how replayed calls reach
 * the hot path. The tuner reads the rest of the section strictly.
 *
 * @param transport {@code in-process} (absent) or {@code loopback}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BenchmarkSection(String transport) {}

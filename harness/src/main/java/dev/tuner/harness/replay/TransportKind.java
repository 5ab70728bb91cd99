package dev.tuner.harness.replay;

import dev.tuner.harness.spec.HarnessSpec;

/** How replayed calls reach the hot path. */
public enum TransportKind {
  /**
   * An HttpClient answering from an in-memory index: microseconds per call, nothing on the wire.
   */
  IN_PROCESS("in-process"),
  /**
   * WireMock on 127.0.0.1, for hot paths whose HTTP client cannot be swapped: hundreds of
   * microseconds.
   */
  LOOPBACK("loopback");

  private final String label;

  TransportKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /**
   * The transport a spec asks for, {@code benchmark.transport}, else in-process: what replay uses
   * when no flag or builder names one.
   */
  public static TransportKind of(HarnessSpec spec) {
    String label = spec.benchmark().transport();
    if (label == null) {
      return IN_PROCESS;
    }
    try {
      return parse(label);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("benchmark.transport: " + e.getMessage(), e);
    }
  }

  public static TransportKind parse(String label) {
    for (TransportKind kind : values()) {
      if (kind.label.equals(label)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown transport '" + label + "'; expected in-process or loopback");
  }
}

package dev.tuner.harness.golden;

/** One place where an output differs from its golden; {@code null} text stands for "absent". */
public record Difference(String path, String expected, String actual) {

  @Override
  public String toString() {
    return path
        + ": expected "
        + (expected == null ? "(absent)" : expected)
        + ", got "
        + (actual == null ? "(absent)" : actual);
  }
}

package dev.tuner.lab;

import picocli.CommandLine;

/** Reads a count that must be at least 1 (forks, rounds, seeds, a budget), at parse time. */
final class PositiveInt implements CommandLine.ITypeConverter<Integer> {

  @Override
  public Integer convert(String text) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CommandLine.TypeConversionException(
        "'" + text + "' is not a whole number of at least 1");
  }
}

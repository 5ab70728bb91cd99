package dev.tuner.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters that refuse a number out of range while picocli reads the command line: the error
 * names the option (picocli adds it) and the value, exit 2, before any work starts. They keep such
 * values from reaching the engine, whose constructors would throw {@link IllegalArgumentException}
 * deep inside a run.
 */
final class Bounds {

  private Bounds() {}

  /** An int no smaller than a bound. */
  abstract static class IntAtLeast implements ITypeConverter<Integer> {
    private final int least;

    IntAtLeast(int least) {
      this.least = least;
    }

    @Override
    public Integer convert(String value) {
      int n = integer(value);
      if (n < least) {
        throw new TypeConversionException("must be at least " + least + ", got '" + value + "'");
      }
      return n;
    }
  }

  /** 1 or more: forks, iterations, runs, operations, minutes. */
  static final class Positive extends IntAtLeast {
    Positive() {
      super(1);
    }
  }

  /** 0 or more: counts where 0 means none. */
  static final class NonNegative extends IntAtLeast {
    NonNegative() {
      super(0);
    }
  }

  /** 2 or more: a look of the sequential plan needs two replicates per side. */
  static final class AtLeastTwo extends IntAtLeast {
    AtLeastTwo() {
      super(2);
    }
  }

  /** A TCP port, 0 for a free one. */
  static final class Port implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int n = integer(value);
      if (n < 0 || n > 65_535) {
        throw new TypeConversionException("must be a port from 0 to 65535, got '" + value + "'");
      }
      return n;
    }
  }

  /** An amount such as dollars: 0 or more. */
  static final class NonNegativeDecimal implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double x = decimal(value);
      if (!(x >= 0)) {
        throw new TypeConversionException("must not be negative, got '" + value + "'");
      }
      return x;
    }
  }

  /** A probability that can be asked for: above 0, at most 1. */
  static final class Probability implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double x = decimal(value);
      if (!(x > 0 && x <= 1)) {
        throw new TypeConversionException("must be above 0 and at most 1, got '" + value + "'");
      }
      return x;
    }
  }

  /** A relative change: above 0, below 1. */
  static final class Fraction implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double x = decimal(value);
      if (!(x > 0 && x < 1)) {
        throw new TypeConversionException("must be above 0 and below 1, got '" + value + "'");
      }
      return x;
    }
  }

  private static int integer(String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a whole number");
    }
  }

  private static double decimal(String value) {
    try {
      return Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a number");
    }
  }
}

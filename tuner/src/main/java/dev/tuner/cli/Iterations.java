package dev.tuner.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code N:TIME}: JMH iterations and the length of each ({@code -wi}/{@code -w}, {@code -i}/{@code
 * -r}). Parsed while picocli reads the command line, so a bad value is a usage error naming the
 * option before anything is built.
 *
 * @param count how many iterations
 * @param time each one's length in JMH's syntax ({@code 500ms}, {@code 1s})
 */
record Iterations(int count, String time) {

  /** TIME as JMH's {@code TimeValue} reads it, and as the spec's {@code benchmark.jmh} allows. */
  private static final Pattern FORM =
      Pattern.compile("(\\d{1,9}):([1-9][0-9]*(?:ns|us|ms|s|m|min|hr))");

  static Iterations parse(String value, int least) {
    Matcher m = FORM.matcher(value);
    if (!m.matches()) {
      throw new TypeConversionException("expected N:TIME such as 5:1s, got '" + value + "'");
    }
    int count = Integer.parseInt(m.group(1));
    if (count < least) {
      throw new TypeConversionException(
          "needs at least "
              + least
              + " iteration"
              + (least == 1 ? "" : "s")
              + ", got '"
              + value
              + "'");
    }
    return new Iterations(count, m.group(2));
  }

  /** Warm-up: none at all is allowed. */
  static final class Warmup implements ITypeConverter<Iterations> {
    @Override
    public Iterations convert(String value) {
      return parse(value, 0);
    }
  }

  /** Measurement: JMH needs at least one iteration. */
  static final class Measurement implements ITypeConverter<Iterations> {
    @Override
    public Iterations convert(String value) {
      return parse(value, 1);
    }
  }
}

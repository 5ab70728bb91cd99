package com.example.portfolio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Performance settings from {@code tuning.properties}. None of them changes the portfolio a request
 * produces; {@code reference.batchSize} changes how many reference calls it takes.
 *
 * @param referenceBatchSize ids per reference call (the service accepts at most 100)
 * @param parallelism how many reference batches are fetched at once
 * @param analysisCacheSize description analyses kept per request
 * @param segmentPatternCacheSize compiled revenue-segment patterns kept per request
 * @param extraWorkPercent busy work added to each request, as a percentage of its local work
 */
public record Tuning(
    int referenceBatchSize,
    int parallelism,
    int analysisCacheSize,
    int segmentPatternCacheSize,
    int extraWorkPercent) {

  static final String RESOURCE = "/tuning.properties";

  static final String BATCH_SIZE = "reference.batchSize";
  static final String PARALLELISM = "parallelism";
  static final String ANALYSIS_CACHE = "analysis.cacheSize";
  static final String SEGMENT_PATTERN_CACHE = "segments.patternCacheSize";
  static final String EXTRA_WORK = "calibration.extraWorkPercent";

  private static final Set<String> KEYS =
      Set.of(BATCH_SIZE, PARALLELISM, ANALYSIS_CACHE, SEGMENT_PATTERN_CACHE, EXTRA_WORK);

  public Tuning {
    check(BATCH_SIZE, referenceBatchSize, 1, 100);
    check(PARALLELISM, parallelism, 1, 16);
    check(ANALYSIS_CACHE, analysisCacheSize, 0, 100_000);
    check(SEGMENT_PATTERN_CACHE, segmentPatternCacheSize, 0, 10_000);
    check(EXTRA_WORK, extraWorkPercent, 0, 1_000);
  }

  /** Reads {@code tuning.properties} from the classpath. */
  public static Tuning load() {
    try (InputStream in = Tuning.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      Properties properties = new Properties();
      properties.load(in);
      return fromProperties(properties);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Every key is required, so a typo in the file fails loudly instead of silently defaulting. */
  public static Tuning fromProperties(Properties properties) {
    Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(RESOURCE + ": unknown keys " + unknown);
    }
    return new Tuning(
        integer(properties, BATCH_SIZE),
        integer(properties, PARALLELISM),
        integer(properties, ANALYSIS_CACHE),
        integer(properties, SEGMENT_PATTERN_CACHE),
        integer(properties, EXTRA_WORK));
  }

  public Tuning withReferenceBatchSize(int value) {
    return new Tuning(value, parallelism, analysisCacheSize, segmentPatternCacheSize,
        extraWorkPercent);
  }

  public Tuning withParallelism(int value) {
    return new Tuning(referenceBatchSize, value, analysisCacheSize, segmentPatternCacheSize,
        extraWorkPercent);
  }

  public Tuning withAnalysisCacheSize(int value) {
    return new Tuning(referenceBatchSize, parallelism, value, segmentPatternCacheSize,
        extraWorkPercent);
  }

  public Tuning withSegmentPatternCacheSize(int value) {
    return new Tuning(referenceBatchSize, parallelism, analysisCacheSize, value,
        extraWorkPercent);
  }

  public Tuning withExtraWorkPercent(int value) {
    return new Tuning(referenceBatchSize, parallelism, analysisCacheSize,
        segmentPatternCacheSize, value);
  }

  private static int integer(Properties properties, String key) {
    String value = properties.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException(RESOURCE + ": missing key '" + key + "'");
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          RESOURCE + ": '" + key + "' must be an integer, got '" + value + "'");
    }
  }

  private static void check(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          RESOURCE + ": '" + key + "' must be between " + min + " and " + max + ", got " + value);
    }
  }
}

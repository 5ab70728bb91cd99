package com.example.portfolio;

import com.example.portfolio.Security.RevenueSegment;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** How much of a security's revenue comes from segments a theme cares about. */
final class SegmentMatcher {

  private final LruCache<String, Pattern> patterns;

  SegmentMatcher(int cacheSize) {
    this.patterns = new LruCache<>(cacheSize);
  }

  /**
   * Σ share × weight of the best keyword naming the segment (0 when none does): 1.0 for a company
   * whose whole revenue is squarely on-theme.
   */
  double exposure(List<RevenueSegment> segments, Map<String, Double> keywords) {
    double exposure = 0;
    for (RevenueSegment segment : segments) {
      double best = 0;
      for (Map.Entry<String, Double> keyword : keywords.entrySet()) {
        if (pattern(keyword.getKey()).matcher(segment.name()).find()) {
          best = Math.max(best, keyword.getValue());
        }
      }
      exposure += segment.share() * best;
    }
    return exposure;
  }

  private Pattern pattern(String keyword) {
    return patterns.get(
        keyword,
        k -> Pattern.compile("\\b" + Pattern.quote(k) + "\\b", Pattern.CASE_INSENSITIVE));
  }
}

package com.example.portfolio.upstream;

import java.util.List;

/** One security as the reference service knows it. Market cap is in millions of US dollars. */
record ReferenceRecord(
    String id,
    String name,
    String sector,
    String country,
    double marketCapUsdM,
    String description,
    List<Segment> revenueSegments) {

  /** A revenue segment and its share of total revenue (shares of one security sum to 1). */
  record Segment(String name, double share) {}

  ReferenceRecord {
    revenueSegments = List.copyOf(revenueSegments);
  }
}

package com.example.portfolio;

import java.util.List;

/** A security as the reference service describes it. Market cap is in millions of US dollars. */
record Security(
    String id,
    String name,
    String sector,
    String country,
    double marketCapUsdM,
    String description,
    List<RevenueSegment> revenueSegments) {

  /** A business line and its share of the security's revenue (0..1). */
  record RevenueSegment(String name, double share) {}
}

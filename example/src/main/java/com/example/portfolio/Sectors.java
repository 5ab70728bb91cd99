package com.example.portfolio;

import java.util.List;

/** The eleven GICS sectors the reference service classifies securities into. */
final class Sectors {

  static final List<String> ALL =
      List.of(
          "Communication Services",
          "Consumer Discretionary",
          "Consumer Staples",
          "Energy",
          "Financials",
          "Health Care",
          "Industrials",
          "Information Technology",
          "Materials",
          "Real Estate",
          "Utilities");

  private Sectors() {}
}

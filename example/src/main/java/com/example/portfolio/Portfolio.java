package com.example.portfolio;

import java.util.List;

/**
 * A scored portfolio before it is written out.
 *
 * @param holdings the chosen candidates, best first
 * @param candidates how many search hits had a reference record
 * @param eligible how many of those passed the request's filters
 */
record Portfolio(List<Candidate> holdings, int candidates, int eligible) {

  Portfolio {
    holdings = List.copyOf(holdings);
  }
}

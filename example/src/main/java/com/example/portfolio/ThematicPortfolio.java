package com.example.portfolio;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

/**
 * The hot path: embed the theme, search the vector store for candidates, fetch their reference
 * data, score and write the portfolio.
 */
final class ThematicPortfolio {

  /**
   * @param json the portfolio
   * @param localNanos time not spent waiting for upstreams (before any calibration work)
   * @param waitingNanos time spent waiting for upstreams
   * @param calls calls made, per upstream
   */
  record Result(String json, long localNanos, long waitingNanos, Map<String, Integer> calls) {}

  private final HttpClient http;
  private final Map<String, URI> baseUrls;
  private final String token;

  ThematicPortfolio(HttpClient http, Map<String, URI> baseUrls, String token) {
    this.http = http;
    this.baseUrls = Map.copyOf(baseUrls);
    this.token = token;
  }

  Result build(PortfolioRequest request, Tuning tuning, WorkClock clock)
      throws IOException, InterruptedException {
    ThemeCatalog catalog = ThemeCatalog.load();
    Theme theme = catalog.resolve(request.theme());
    UpstreamClient upstreams = new UpstreamClient(http, baseUrls, token, clock);

    List<Double> query = upstreams.embed(theme.query());
    List<SearchHit> hits = upstreams.search(query, request.k());
    List<String> ids = hits.stream().map(SearchHit::id).toList();
    List<Security> securities =
        upstreams.securities(ids, tuning.referenceBatchSize(), tuning.parallelism());

    PortfolioScorer scorer = new PortfolioScorer(theme, catalog.featureWeights(), tuning);
    Portfolio portfolio = scorer.score(request, hits, securities);
    String json = PortfolioWriter.write(theme, request, catalog.featureWeights(), portfolio);

    long localNanos = clock.localNanos();
    Calibration.extraWork(localNanos, tuning.extraWorkPercent());
    return new Result(json, localNanos, clock.waitingNanos(), upstreams.calls());
  }
}

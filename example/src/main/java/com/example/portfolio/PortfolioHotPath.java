package com.example.portfolio;

import dev.tuner.harness.HotPath;
import dev.tuner.harness.Upstreams;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The harness's view of the example: one case input (a theme and options) in, one portfolio JSON
 * out. Input keys: {@code theme} (required), {@code topN}, {@code k}, {@code maxPerSector},
 * {@code minMarketCap} (USD millions), {@code countries}, {@code excludeSectors}; see
 * {@link PortfolioRequest}. Upstreams: {@code embeddings}, {@code vectors}, {@code reference}.
 * The bearer token comes from {@code EXAMPLE_TOKEN}.
 */
public final class PortfolioHotPath implements HotPath {

  /** The token used when {@code EXAMPLE_TOKEN} is not set. */
  public static final String DEFAULT_TOKEN = "demo-token-do-not-record";

  private final Supplier<Tuning> tuning;
  private final String token;

  public PortfolioHotPath() {
    this(Tuning::load, System.getenv().getOrDefault("EXAMPLE_TOKEN", DEFAULT_TOKEN));
  }

  /** For tests and tools that set the knobs themselves. */
  public PortfolioHotPath(Supplier<Tuning> tuning, String token) {
    this.tuning = tuning;
    this.token = token;
  }

  @Override
  public String run(Map<String, Object> input, Upstreams upstreams) throws Exception {
    return runMeasured(input, upstreams).json();
  }

  /** Like {@link #run}, also reporting local time, waiting time and calls per upstream. */
  ThematicPortfolio.Result runMeasured(Map<String, Object> input, Upstreams upstreams)
      throws Exception {
    WorkClock clock = WorkClock.start();
    PortfolioRequest request = PortfolioRequest.fromInput(input);
    Map<String, URI> baseUrls = new LinkedHashMap<>();
    for (String upstream :
        List.of(UpstreamClient.EMBEDDINGS, UpstreamClient.VECTORS, UpstreamClient.REFERENCE)) {
      baseUrls.put(upstream, upstreams.baseUrl(upstream));
    }
    return new ThematicPortfolio(upstreams.http(), baseUrls, token)
        .build(request, tuning.get(), clock);
  }
}

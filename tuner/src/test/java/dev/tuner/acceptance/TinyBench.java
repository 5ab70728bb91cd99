package dev.tuner.acceptance;

/** Edits the example's tuner.yaml for tests: tiny benchmark settings and three cases (two tuned, one held out). */
final class TinyBench {

  private TinyBench() {}

  static String apply(String spec) {
    String head = spec.substring(0, spec.indexOf("\ncases:"));
    return head
        + "\nbenchmark:\n"
        + "  jmh: {forks: 1, warmupIterations: 2, warmupTime: 500ms, iterations: 2, iterationTime: 500ms}\n"
        + "  compare: {warmupSeconds: 20, opsPerRound: 10, looks: [8]}\n"
        + "cases:\n"
        + "  - {id: ai-default, input: {theme: AI}}\n"
        + "  - {id: water-europe, input: {theme: water, topN: 12, k: 200, maxPerSector: 3, minMarketCap: 500,"
        + " countries: [GB, DE, FR, NL, CH, SE]}}\n"
        + "  - {id: cyber-developed, split: holdout, input: {theme: cybersecurity, topN: 15, k: 150,"
        + " maxPerSector: 4, countries: [US, GB, DE, JP, CA]}}\n";
  }
}

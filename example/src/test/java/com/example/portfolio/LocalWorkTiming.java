package com.example.portfolio;

import com.example.portfolio.upstream.UpstreamServer;
import dev.tuner.harness.Upstreams;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not a test: measures each proposed case's local work (time outside upstream calls) after JIT
 * warm-up, against an in-process upstream with no latency. Run from the module directory with
 * {@code java -cp target/classes:target/test-classes:<deps> com.example.portfolio.LocalWorkTiming
 * [rounds]}.
 */
public final class LocalWorkTiming {

  /** The cases proposed for the root tuner.yaml. */
  static Map<String, Map<String, Object>> cases() {
    Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
    cases.put("ai-default", Map.of("theme", "AI"));
    cases.put(
        "clean-energy-broad",
        Map.of("theme", "clean energy", "topN", 30, "k", 220, "maxPerSector", 8));
    cases.put(
        "cyber-developed",
        Map.of("theme", "cybersecurity", "topN", 15, "k", 150, "maxPerSector", 4,
            "countries", List.of("US", "GB", "DE", "JP", "CA")));
    cases.put(
        "ev-large-caps",
        Map.of("theme", "electric vehicles", "topN", 20, "k", 250, "maxPerSector", 6,
            "minMarketCap", 2000));
    cases.put(
        "fintech-concentrated",
        Map.of("theme", "fintech", "topN", 10, "k", 120, "maxPerSector", 3,
            "excludeSectors", List.of("Real Estate", "Utilities")));
    cases.put(
        "genomics-wide", Map.of("theme", "Genomics", "topN", 40, "k", 220, "maxPerSector", 12));
    cases.put(
        "water-europe",
        Map.of("theme", "water", "topN", 12, "k", 200, "maxPerSector", 3, "minMarketCap", 500,
            "countries", List.of("GB", "DE", "FR", "NL", "CH", "SE")));
    cases.put("quantum-fallback", Map.of("theme", "quantum computing", "topN", 20, "k", 200));
    return cases;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (UpstreamServer server = UpstreamServer.start(0, 0, PortfolioHotPath.DEFAULT_TOKEN)) {
      Upstreams upstreams = new Upstreams(HttpClient.newHttpClient(), server.baseUrls());
      PortfolioHotPath hotPath = new PortfolioHotPath(Tuning::load, PortfolioHotPath.DEFAULT_TOKEN);
      Map<String, Map<String, Object>> cases = cases();
      // Warm up on every case so the JIT sees the whole mix before any measurement.
      for (int i = 0; i < 15; i++) {
        for (Map<String, Object> input : cases.values()) {
          hotPath.runMeasured(input, upstreams);
        }
      }
      Map<String, List<Double>> local = new LinkedHashMap<>();
      Map<String, List<Double>> cpu = new LinkedHashMap<>();
      Map<String, ThematicPortfolio.Result> last = new LinkedHashMap<>();
      for (int r = 0; r < rounds; r++) {
        for (Map.Entry<String, Map<String, Object>> c : cases.entrySet()) {
          long cpu0 = threads.getCurrentThreadCpuTime();
          ThematicPortfolio.Result result = hotPath.runMeasured(c.getValue(), upstreams);
          long cpu1 = threads.getCurrentThreadCpuTime();
          local.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(result.localNanos() / 1e6);
          cpu.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add((cpu1 - cpu0) / 1e6);
          last.put(c.getKey(), result);
        }
      }
      System.out.printf(Locale.ROOT, "%-22s %9s %9s %9s %9s  %s%n",
          "case", "local p50", "local min", "cpu p50", "out bytes", "calls");
      for (String id : cases.keySet()) {
        ThematicPortfolio.Result result = last.get(id);
        System.out.printf(Locale.ROOT, "%-22s %9.2f %9.2f %9.2f %9d  %s%n", id,
            median(local.get(id)), min(local.get(id)), median(cpu.get(id)),
            result.json().length(), result.calls());
      }
      if (args.length > 1) {
        System.out.println(last.get(args[1]).json());
      }
    }
  }

  private static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a[a.length / 2];
  }

  private static double min(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).min().orElse(0);
  }

  private LocalWorkTiming() {}
}

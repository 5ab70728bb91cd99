package dev.tuner.harness;

import java.util.Map;

/**
 * The code under test: one case in, one JSON document out.
 *
 * <p>A user's project implements this once, as an adapter around its hot path. The harness calls it
 * while recording (upstreams point at recording proxies), while verifying and benchmarking
 * (upstreams answer from fixtures), and never changes what the hot path computes.
 */
@FunctionalInterface
public interface HotPath {

  /**
   * Runs one case.
   *
   * @param input the case's {@code input} from {@code tuner.yaml}, as JSON-like values (strings,
   *     numbers, booleans, lists and maps)
   * @param upstreams the HTTP client and base URL of each declared upstream
   * @return the output as a JSON document; the harness canonicalises it before comparing
   */
  String run(Map<String, Object> input, Upstreams upstreams) throws Exception;
}

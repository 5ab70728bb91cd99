package dev.tuner.harness.spec;

import java.util.Map;

/**
 * One case: an input for the hot path, recorded once and replayed ever after.
 *
 * @param contracts call contracts per upstream that override the spec's defaults for this case
 */
public record CaseSpec(
    String id,
    Split split,
    Map<String, Object> input,
    Map<String, Contract> contracts,
    ParitySpec parity) {

  public CaseSpec {
    split = split == null ? Split.TUNE : split;
    input = input == null ? Map.of() : input;
    contracts = contracts == null ? Map.of() : Map.copyOf(contracts);
    parity = parity == null ? ParitySpec.EXACT : parity;
  }
}

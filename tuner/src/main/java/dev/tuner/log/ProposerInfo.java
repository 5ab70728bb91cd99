package dev.tuner.log;

/** Who proposed a change and what it cost. */
public record ProposerInfo(String kind, String model, Long tokensIn, Long tokensOut, Double cost) {

  public static ProposerInfo of(String kind) {
    return new ProposerInfo(kind, null, null, null, null);
  }
}

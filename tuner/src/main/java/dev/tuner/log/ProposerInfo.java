package dev.tuner.log;

/**
 * Who proposed a change and what it cost.
 *
 * @param cost USD this proposal cost (tokens at the model's price); null when free or unknown
 * @param costTotal USD the run's proposals have cost so far, this one included
 * @param client the MCP client that proposed it ({@code name version}, as it introduced itself);
 *     null for the proposers tuner runs itself
 */
public record ProposerInfo(
    String kind,
    String model,
    Long tokensIn,
    Long tokensOut,
    Double cost,
    Double costTotal,
    String client) {

  public ProposerInfo(
      String kind, String model, Long tokensIn, Long tokensOut, Double cost, Double costTotal) {
    this(kind, model, tokensIn, tokensOut, cost, costTotal, null);
  }

  public ProposerInfo(String kind, String model, Long tokensIn, Long tokensOut, Double cost) {
    this(kind, model, tokensIn, tokensOut, cost, null, null);
  }

  public static ProposerInfo of(String kind) {
    return new ProposerInfo(kind, null, null, null, null, null, null);
  }

  public ProposerInfo withCostTotal(double usd) {
    return new ProposerInfo(kind, model, tokensIn, tokensOut, cost, usd, client);
  }
}

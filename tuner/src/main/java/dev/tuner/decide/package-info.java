/**
 * Keep or discard a candidate: {@link dev.tuner.decide.RatioTest} compares one metric over forks
 * (ratio, interval, p-value, verdict); {@link dev.tuner.decide.KeepRule} applies the rule to the
 * p50, p95 and allocation aggregates; {@link dev.tuner.decide.SequentialPlan} spends α over looks
 * and says CONTINUE, KEEP or DISCARD. {@link dev.tuner.decide.DecisionRule} holds the settings.
 */
package dev.tuner.decide;

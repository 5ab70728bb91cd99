package dev.tuner.log;

import java.util.List;

/**
 * The evidence behind a decision on one metric.
 *
 * @param ci the interval for the ratio candidate/best; bounds the data cannot give are null
 * @param forks forks (or rounds) used per side: [best, candidate]
 */
public record Stats(
    double ratio, List<Double> ci, Double pValue, List<Integer> forks, String verdict) {}

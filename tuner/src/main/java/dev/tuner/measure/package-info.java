/**
 * Measurements as JMH reports them: {@link dev.tuner.measure.JmhJsonReader} reads a {@code -rf
 * json} file of {@code Mode.SampleTime} results into immutable values, one {@link
 * dev.tuner.measure.ForkResult} per fork of each case, with the fork's own histogram and quantiles
 * in nanoseconds. The fork, not the sample, is what {@code dev.tuner.decide} replicates.
 */
package dev.tuner.measure;

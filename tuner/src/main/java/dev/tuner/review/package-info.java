/**
 * Reviewing an experiment log the morning after: filtering and grouping its tries ({@link
 * ReviewLog}, {@link Filter}, {@link Groups}), the {@code tuner log} table, the {@code tuner
 * report} summary, its chart (XChart) and the self-contained HTML page. Reads only the log; never
 * touches the repository.
 */
package dev.tuner.review;

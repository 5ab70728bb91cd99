/**
 * Where a build's time goes, from the JDK's flight recorder: a recording's sampled stacks read with
 * {@code jdk.jfr.consumer} ({@link JfrReader}) into collapsed stacks ({@link Stacks}), the table of
 * hottest frames that prompts and {@code tuner profile} show ({@link FrameTable}), and flame graphs
 * as static SVG ({@link FlameGraph}). Pure: it reads files and writes text, it never runs the code
 * under test (the bench stage records, in a forked JVM).
 */
package dev.tuner.profile;

/**
 * {@code tuner demo}: the whole story on the bundled example, in a workspace of its own (a clone of
 * the repository's HEAD), with the example's live upstream running for the recording. Never touches
 * the user's working tree.
 */
package dev.tuner.demo;

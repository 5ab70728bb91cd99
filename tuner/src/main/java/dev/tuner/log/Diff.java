package dev.tuner.log;

import java.util.List;

/** What a try changed. */
public record Diff(List<String> files, int added, int removed) {}

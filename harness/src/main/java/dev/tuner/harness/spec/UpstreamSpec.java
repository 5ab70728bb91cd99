package dev.tuner.harness.spec;

import java.net.URI;

/** A network service the hot path calls, by its live base URL. */
public record UpstreamSpec(URI url) {}

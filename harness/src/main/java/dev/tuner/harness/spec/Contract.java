package dev.tuner.harness.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a replayed case's calls to one upstream must compare with the recording. */
public enum Contract {
  /** The same number of calls as recorded, each stub hit as often as recorded. */
  @JsonProperty("exact")
  EXACT,
  /** No more calls than recorded; fewer is allowed (caching, batching). */
  @JsonProperty("no-increase")
  NO_INCREASE,
  /** Any number of calls, as long as each call matches a recorded stub. */
  @JsonProperty("free")
  FREE;

  public String yamlName() {
    return switch (this) {
      case EXACT -> "exact";
      case NO_INCREASE -> "no-increase";
      case FREE -> "free";
    };
  }
}

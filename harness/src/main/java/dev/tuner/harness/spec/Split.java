package dev.tuner.harness.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which set a case belongs to: tuned against, or held out for a blind check at the end. */
public enum Split {
  @JsonProperty("tune")
  TUNE,
  @JsonProperty("holdout")
  HOLDOUT
}

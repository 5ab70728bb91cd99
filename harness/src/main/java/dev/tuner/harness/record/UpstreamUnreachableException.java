package dev.tuner.harness.record;

import java.net.URI;

/** A live upstream that does not accept connections; recording cannot start. */
public final class UpstreamUnreachableException extends Exception {

  public UpstreamUnreachableException(String upstream, URI url, String reason) {
    super("upstream '" + upstream + "' is unreachable at " + url + " (" + reason + ")");
  }
}

package dev.tuner.harness.record;

import dev.tuner.harness.ExitCode;
import dev.tuner.harness.HarnessException;
import java.net.URI;

/** A live upstream that does not accept connections; recording cannot start. */
public final class UpstreamUnreachableException extends HarnessException {

  public UpstreamUnreachableException(String upstream, URI url, String reason) {
    super(
        ExitCode.ENVIRONMENT,
        "upstream '" + upstream + "' is unreachable at " + url + " (" + reason + ")");
  }
}

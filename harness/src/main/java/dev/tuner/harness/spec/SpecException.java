package dev.tuner.harness.spec;

import dev.tuner.harness.ExitCode;
import dev.tuner.harness.HarnessException;
import java.nio.file.Path;

/**
 * A spec file that cannot be used; the message names the file, the line when known, and the key.
 */
public final class SpecException extends HarnessException {

  private final Path file;

  public SpecException(Path file, int line, String key, String problem) {
    super(
        ExitCode.USAGE,
        file + (line > 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "" : key + ": ") + problem);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}

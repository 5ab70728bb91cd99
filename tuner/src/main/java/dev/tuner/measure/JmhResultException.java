package dev.tuner.measure;

import java.io.IOException;
import java.nio.file.Path;

/** A JMH result file that cannot be read as the tuner needs it: the file, and what is wrong. */
public final class JmhResultException extends IOException {

  private final Path file;

  public JmhResultException(Path file, String problem) {
    this(file, problem, null);
  }

  public JmhResultException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  /** The file that was being read. */
  public Path file() {
    return file;
  }
}

package dev.tuner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** The tuner's version, from the build. */
final class Version implements CommandLine.IVersionProvider {

  static String current() {
    try (InputStream in = Version.class.getResourceAsStream("/dev/tuner/version.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"tuner " + current()};
  }
}

package dev.tuner.harness;

import com.github.tomakehurst.wiremock.core.Version;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions written into every manifest, so a fixture says what recorded it. */
public final class HarnessVersion {

  private HarnessVersion() {}

  public static String harness() {
    try (InputStream in =
        HarnessVersion.class.getResourceAsStream("/dev/tuner/harness/version.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException | NullPointerException e) {
      return "unknown";
    }
  }

  public static String wiremock() {
    return Version.getCurrentVersion();
  }
}

package dev.tuner.init;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/** One {@code --upstream NAME=URL}: a service the hot path calls, by its live base URL. */
public record UpstreamArg(String name, URI url) {

  /** The harness's rule for upstream names (they name directories under {@code fixtures/}). */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  /** Reads {@code NAME=URL}; the message names what is wrong with the value. */
  public static UpstreamArg parse(String value) {
    int eq = value.indexOf('=');
    if (eq < 0) {
      throw new IllegalArgumentException(
          "'" + value + "' is not NAME=URL (like search=http://127.0.0.1:8080/search)");
    }
    String name = value.substring(0, eq);
    // A base URL has no trailing slash (Upstreams.baseUrl's contract): paths are appended to it.
    String url = value.substring(eq + 1).replaceAll("/+$", "");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'"
              + value
              + "': the name '"
              + name
              + "' must start with a letter or digit and hold only letters, digits, '-', '_', '.'");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + value + "': not a URL: " + e.getMessage());
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "'" + value + "': '" + url + "' is not an http(s) URL with a host");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "'" + value + "': a base URL takes no query or fragment: '" + url + "'");
    }
    return new UpstreamArg(name, uri);
  }
}

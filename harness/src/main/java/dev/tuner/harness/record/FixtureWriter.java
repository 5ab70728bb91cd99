package dev.tuner.harness.record;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.ContentTypeHeader;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.tuner.harness.fixture.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Writes one upstream's recorded stubs in WireMock's own layout ({@code mappings/*.json}, large
 * bodies in {@code __files/}), after scrubbing, and refuses to let a known secret value through.
 */
final class FixtureWriter {

  /** Bodies longer than this go to {@code __files/}, so mappings stay readable. */
  private static final int INLINE_BODY_LIMIT = 2048;

  private final Path caseDir;
  private final Scrubber scrubber;
  private final Set<String> secrets;
  private final List<Manifest.Stub> written = new ArrayList<>();

  FixtureWriter(Path caseDir, Scrubber scrubber, Set<String> secrets) {
    this.caseDir = caseDir;
    this.scrubber = scrubber;
    this.secrets = secrets;
  }

  /** Writes the stubs of one upstream; {@code hits} gives each stub's recorded hit count. */
  void write(String upstream, List<StubMapping> stubs, ToIntFunction<StubMapping> hits)
      throws IOException {
    write(upstream, stubs, hits, "", null);
  }

  /**
   * Writes stubs that only another knob value's requests use, with file names starting {@code
   * prefix} so they never collide with the recorded values' files.
   */
  void writeVariant(
      String label,
      String prefix,
      String upstream,
      List<StubMapping> stubs,
      ToIntFunction<StubMapping> hits)
      throws IOException {
    write(upstream, stubs, hits, prefix, label);
  }

  private void write(
      String upstream,
      List<StubMapping> stubs,
      ToIntFunction<StubMapping> hits,
      String prefix,
      String variant)
      throws IOException {
    Path mappings = Files.createDirectories(caseDir.resolve(upstream).resolve("mappings"));
    int n = 0;
    for (StubMapping stub : stubs) {
      scrubber.scrub(stub);
      String base =
          String.format(
              Locale.ROOT,
              "%s%03d-%s-%s",
              prefix,
              ++n,
              stub.getRequest().getMethod().getName().toLowerCase(Locale.ROOT),
              slug(stub));
      stub.setName(
          upstream
              + " "
              + stub.getRequest().getMethod()
              + " "
              + stub.getRequest().getUrlMatcher().getExpected());
      extractBody(upstream, stub, base);
      Path file = mappings.resolve(base + ".json");
      writeChecked(file, Json.write(stub));
      written.add(
          new Manifest.Stub(
              stub.getId().toString(),
              upstream,
              stub.getRequest().getMethod().getName(),
              stub.getRequest().getUrlMatcher().getExpected(),
              caseDir.relativize(file).toString().replace('\\', '/'),
              hits.applyAsInt(stub),
              variant));
    }
  }

  List<Manifest.Stub> stubs() {
    return List.copyOf(written);
  }

  private void extractBody(String upstream, StubMapping stub, String base) throws IOException {
    var response = stub.getResponse();
    byte[] body = response.getByteBody();
    if (body == null || body.length <= INLINE_BODY_LIMIT) {
      return;
    }
    String name =
        base
            + "-body"
            + extension(
                response.getHeaders() == null
                    ? null
                    : response.getHeaders().getContentTypeHeader());
    Path dir = Files.createDirectories(caseDir.resolve(upstream).resolve("__files"));
    writeChecked(dir.resolve(name), new String(body, StandardCharsets.UTF_8));
    stub.setResponse(
        ResponseDefinitionBuilder.like(response)
            .but()
            .withBody((byte[]) null)
            .withBodyFile(name)
            .build());
  }

  private static String extension(ContentTypeHeader type) {
    if (type != null
        && type.isPresent()
        && type.mimeTypePart() != null
        && type.mimeTypePart().contains("json")) {
      return ".json";
    }
    return ".txt";
  }

  /**
   * Writes text unless it contains a secret the client sent while recording; then nothing is
   * written.
   */
  private void writeChecked(Path file, String text) throws IOException {
    for (String secret : secrets) {
      if (text.contains(secret)) {
        throw new IOException(
            "refusing to write "
                + file.getFileName()
                + ": it contains a credential the hot path sent (add the header or parameter to record.secretHeaders"
                + " or record.secretQueryParams)");
      }
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  static String slug(StubMapping stub) {
    String url = stub.getRequest().getUrlMatcher().getExpected();
    int q = url.indexOf('?');
    String path =
        (q < 0 ? url : url.substring(0, q))
            .replaceAll("[^A-Za-z0-9]+", "-")
            .replaceAll("^-|-$", "");
    return path.isEmpty() ? "root" : path.length() > 40 ? path.substring(0, 40) : path;
  }
}

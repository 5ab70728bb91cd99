package dev.tuner.harness;

import dev.tuner.harness.fixture.Layout;
import dev.tuner.harness.spec.CaseSpec;
import dev.tuner.harness.spec.Contract;
import dev.tuner.harness.spec.HarnessSpec;
import dev.tuner.harness.spec.TargetSpec;
import dev.tuner.harness.spec.UpstreamSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sample hot path's case {@code hello} as {@code Recorder} wrote it (see {@code
 * src/test/resources/dev/tuner/harness/sample/README.md}), copied where a test may change it, and a
 * spec that declares its two upstreams. Replay tests start from it without a live server.
 */
public final class SampleRecording {

  public static final String CASE = "hello";

  /** The golden of {@code hello}, on one line: what {@link SampleHotPath} returns under replay. */
  public static final String OUTPUT =
      "{\"catalogLength\": 5013, \"first\": {\"count\": 1}, \"second\": {\"count\": 2},"
          + " \"text\": \"hello\"}";

  public static final String WORDS_FIRST = "words/mappings/002-post-v1-count.json";
  public static final String WORDS_SECOND = "words/mappings/001-post-v1-count.json";
  public static final String CATALOG = "catalog/mappings/001-get-items.json";
  public static final String CATALOG_BODY = "catalog/__files/001-get-items-body.json";

  private SampleRecording() {}

  /** Copies the recording's {@code fixtures/} and {@code goldens/} into {@code root}. */
  public static Layout copyTo(Path root) {
    Path source;
    try {
      source = Path.of(SampleRecording.class.getResource("sample").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    for (String dir : List.of("fixtures", "goldens")) {
      try (Stream<Path> files = Files.walk(source.resolve(dir))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Path target = root.resolve(source.relativize(file).toString());
          Files.createDirectories(target.getParent());
          Files.copy(file, target);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Layout(root);
  }

  /** The case as the spec declares it. */
  public static CaseSpec hello() {
    return new CaseSpec(CASE, null, Map.of("text", "hello"), null, null);
  }

  /** A spec with the upstreams {@code words} and {@code catalog}, the case, and one contract. */
  public static HarnessSpec spec(Contract contract) {
    return spec(Map.of("words", contract, "catalog", contract));
  }

  /** The spec with the default contract, {@code exact}. */
  public static HarnessSpec spec() {
    return spec(Map.of());
  }

  private static HarnessSpec spec(Map<String, Contract> contracts) {
    return new HarnessSpec(
        new TargetSpec(SampleHotPath.class.getName()),
        Map.of(
            "words", new UpstreamSpec(URI.create("http://words.invalid")),
            "catalog", new UpstreamSpec(URI.create("http://catalog.invalid"))),
        List.of(hello()),
        contracts,
        null);
  }
}

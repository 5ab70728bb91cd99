package dev.tuner.harness.junit;

import dev.tuner.harness.HotPath;
import dev.tuner.harness.HotPaths;
import dev.tuner.harness.fixture.Layout;
import dev.tuner.harness.parity.CaseResult;
import dev.tuner.harness.parity.Failure;
import dev.tuner.harness.parity.ParityCheck;
import dev.tuner.harness.replay.TransportKind;
import dev.tuner.harness.spec.HarnessSpec;
import dev.tuner.harness.spec.SpecException;
import dev.tuner.harness.spec.SpecLocator;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * Every case of a {@code tuner.yaml} as its own JUnit 5 test, replayed with the same strictness as
 * {@code tuner verify}:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> everyCaseMatchesItsRecording() throws Exception {
 *   return ReplayCases.fromNearestSpec().tests();
 * }
 * }</pre>
 */
public final class ReplayCases {

  private final Path specFile;
  private final HarnessSpec spec;
  private TransportKind transport;
  private HotPath hotPath;

  private ReplayCases(Path specFile, HarnessSpec spec) {
    this.specFile = specFile;
    this.spec = spec;
  }

  /** The cases of one spec file. */
  public static ReplayCases fromSpec(Path specFile) throws SpecException {
    return new ReplayCases(specFile, HarnessSpec.load(specFile));
  }

  /**
   * The cases of the nearest {@code tuner.yaml} in the working directory or above (Maven runs tests
   * in a module).
   */
  public static ReplayCases fromNearestSpec() throws SpecException {
    return fromSpec(SpecLocator.locate());
  }

  /** How replayed calls reach the hot path; default: the spec's {@code benchmark.transport}. */
  public ReplayCases transport(TransportKind transport) {
    this.transport = transport;
    return this;
  }

  /** Replays this hot path instead of the one the spec names (for testing a variant). */
  public ReplayCases hotPath(HotPath hotPath) {
    this.hotPath = hotPath;
    return this;
  }

  /** One test per case, named after it. */
  public Stream<DynamicTest> tests() {
    Layout layout = new Layout(specFile.toAbsolutePath().getParent());
    HotPath target = hotPath != null ? hotPath : HotPaths.load(spec.target().hotPath());
    ParityCheck check =
        ParityCheck.builder(layout, spec, target)
            .transport(transport != null ? transport : TransportKind.of(spec))
            .build();
    return spec.cases().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    "case " + c.id(),
                    () -> {
                      CaseResult result = check.run(c);
                      if (!result.passed()) {
                        throw new AssertionFailedError(
                            "case "
                                + c.id()
                                + " does not match its recording:\n  "
                                + result.failures().stream()
                                    .map(Failure::message)
                                    .collect(Collectors.joining("\n  ")));
                      }
                    }));
  }
}

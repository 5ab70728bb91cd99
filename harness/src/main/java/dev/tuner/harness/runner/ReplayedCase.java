package dev.tuner.harness.runner;

import dev.tuner.harness.HotPath;
import dev.tuner.harness.HotPaths;
import dev.tuner.harness.fixture.FixtureException;
import dev.tuner.harness.fixture.FixtureSet;
import dev.tuner.harness.fixture.Layout;
import dev.tuner.harness.replay.ReplaySession;
import dev.tuner.harness.replay.TransportKind;
import dev.tuner.harness.spec.CaseSpec;
import dev.tuner.harness.spec.HarnessSpec;
import dev.tuner.harness.spec.SpecException;
import dev.tuner.harness.spec.SpecLocator;
import java.nio.file.Path;
import java.util.List;

/**
 * One case of a project's spec, opened for replay: what every benchmark starts from (the JMH
 * benchmarks and the in-JVM A/B runner alike), so they all measure the same operation.
 */
public final class ReplayedCase implements AutoCloseable {

  private final CaseSpec spec;
  private final FixtureSet fixtures;
  private final ReplaySession session;
  private final HotPath hotPath;

  private ReplayedCase(CaseSpec spec, FixtureSet fixtures, ReplaySession session, HotPath hotPath) {
    this.spec = spec;
    this.fixtures = fixtures;
    this.session = session;
    this.hotPath = hotPath;
  }

  /**
   * Opens a case of the spec {@link SpecLocator} finds (the {@code tuner.spec} system property).
   */
  public static ReplayedCase open(String caseId, TransportKind transport)
      throws SpecException, FixtureException {
    return open(SpecLocator.locate(), caseId, transport);
  }

  /**
   * Opens a case of this spec file, with the hot path the spec names (from the context class
   * loader).
   */
  public static ReplayedCase open(Path specFile, String caseId, TransportKind transport)
      throws SpecException, FixtureException {
    HarnessSpec harness = HarnessSpec.load(specFile);
    CaseSpec c =
        harness
            .findCase(caseId)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no case '"
                            + caseId
                            + "' in "
                            + specFile
                            + "; pass one with -p caseId=ID"));
    FixtureSet fixtures =
        FixtureSet.load(new Layout(specFile.toAbsolutePath().getParent()), caseId);
    ReplaySession session =
        ReplaySession.open(
            fixtures, transport, List.copyOf(harness.upstreams().keySet()), harness.record());
    return new ReplayedCase(c, fixtures, session, HotPaths.load(harness.target().hotPath()));
  }

  /** Runs the hot path once from the start of the recording: one benchmark operation. */
  public String runOnce() throws Exception {
    session.rewind();
    return hotPath.run(spec.input(), session.upstreams());
  }

  public CaseSpec spec() {
    return spec;
  }

  public FixtureSet fixtures() {
    return fixtures;
  }

  public ReplaySession session() {
    return session;
  }

  @Override
  public void close() {
    session.close();
  }
}

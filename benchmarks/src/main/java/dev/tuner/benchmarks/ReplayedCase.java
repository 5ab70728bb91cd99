package dev.tuner.benchmarks;

import dev.tuner.harness.HotPath;
import dev.tuner.harness.HotPaths;
import dev.tuner.harness.fixture.FixtureSet;
import dev.tuner.harness.fixture.Layout;
import dev.tuner.harness.replay.ReplaySession;
import dev.tuner.harness.replay.TransportKind;
import dev.tuner.harness.spec.CaseSpec;
import dev.tuner.harness.spec.HarnessSpec;
import dev.tuner.harness.spec.SpecLocator;
import java.util.List;

/** One case of the project's spec, opened for replay: what every benchmark here starts from. */
final class ReplayedCase implements AutoCloseable {

  final CaseSpec spec;
  final FixtureSet fixtures;
  final ReplaySession session;
  final HotPath hotPath;

  private ReplayedCase(CaseSpec spec, FixtureSet fixtures, ReplaySession session, HotPath hotPath) {
    this.spec = spec;
    this.fixtures = fixtures;
    this.session = session;
    this.hotPath = hotPath;
  }

  static ReplayedCase open(String caseId, TransportKind transport) throws Exception {
    var file = SpecLocator.locate();
    HarnessSpec harness = HarnessSpec.load(file);
    CaseSpec c = harness.findCase(caseId).orElseThrow(() -> new IllegalArgumentException(
        "no case '" + caseId + "' in " + file + "; pass one with -p case=ID"));
    FixtureSet fixtures = FixtureSet.load(new Layout(file.toAbsolutePath().getParent()), caseId);
    ReplaySession session = ReplaySession.open(fixtures, transport, List.copyOf(harness.upstreams().keySet()),
        harness.record());
    return new ReplayedCase(c, fixtures, session, HotPaths.load(harness.target().hotPath()));
  }

  /** Runs the hot path once from the start of the recording. */
  String runOnce() throws Exception {
    session.rewind();
    return hotPath.run(spec.input(), session.upstreams());
  }

  @Override
  public void close() {
    session.close();
  }
}

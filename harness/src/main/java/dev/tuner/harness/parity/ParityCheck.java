package dev.tuner.harness.parity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tuner.harness.HotPath;
import dev.tuner.harness.fixture.FixtureException;
import dev.tuner.harness.fixture.FixtureSet;
import dev.tuner.harness.fixture.Layout;
import dev.tuner.harness.fixture.Manifest;
import dev.tuner.harness.fixture.RecordedStub;
import dev.tuner.harness.golden.CanonicalJson;
import dev.tuner.harness.golden.Difference;
import dev.tuner.harness.golden.JsonDiff;
import dev.tuner.harness.replay.CallLedger;
import dev.tuner.harness.replay.ReplaySession;
import dev.tuner.harness.replay.TransportKind;
import dev.tuner.harness.spec.CaseSpec;
import dev.tuner.harness.spec.Contract;
import dev.tuner.harness.spec.HarnessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Replays one case with no network and checks everything the recording promises: fixture files
 * untouched, every request answered, call counts within the case's contracts, and the output equal
 * to the golden.
 */
public final class ParityCheck {

  /** What to do about a hot path that sends its calls with its own HTTP client. */
  static final String USE_LOOPBACK =
      "replay it over loopback (WireMock on 127.0.0.1):"
          + " set benchmark.transport: loopback in tuner.yaml, or run tuner verify --transport"
          + " loopback";

  /** How many output differences a failure message lists. */
  private static final int SHOWN_DIFFERENCES = 10;

  private final Layout layout;
  private final HarnessSpec spec;
  private final HotPath hotPath;
  private final TransportKind transport;
  private final BiFunction<CaseSpec, String, Contract> contracts;
  private final boolean approve;

  private ParityCheck(Builder b) {
    this.layout = b.layout;
    this.spec = b.spec;
    this.hotPath = b.hotPath;
    this.transport = b.transport;
    this.contracts = b.contracts != null ? b.contracts : spec::contract;
    this.approve = b.approve;
  }

  public static Builder builder(Layout layout, HarnessSpec spec, HotPath hotPath) {
    return new Builder(layout, spec, hotPath);
  }

  /**
   * Replays one case; a corrupt manifest, mapping or golden is a FixtureException, everything else
   * a Failure.
   */
  public CaseResult run(CaseSpec c) throws FixtureException {
    FixtureSet fixtures = FixtureSet.load(layout, c.id());
    List<Failure> failures = new ArrayList<>();
    fixtures.tampered().forEach(t -> failures.add(new Failure(Failure.Kind.FIXTURE_TAMPERED, t)));
    JsonNode input = CanonicalJson.fromValue(c.input());
    if (fixtures.manifest().input() != null
        && !CanonicalJson.compact(fixtures.manifest().input())
            .equals(CanonicalJson.compact(input))) {
      failures.add(
          new Failure(
              Failure.Kind.STALE_RECORDING,
              "the case input in the spec changed since recording; run: tuner record --case "
                  + c.id()));
    }

    long start = System.nanoTime();
    String output = null;
    Throwable thrown = null;
    CallLedger ledger;
    try (ReplaySession session =
        ReplaySession.open(
            fixtures, transport, List.copyOf(spec.upstreams().keySet()), spec.record())) {
      ledger = session.ledger();
      try {
        output = hotPath.run(c.input(), session.upstreams());
      } catch (Exception | StackOverflowError e) {
        thrown = e;
        failures.add(
            new Failure(Failure.Kind.HOT_PATH_FAILED, "the hot path threw " + e + bypassed(e)));
      }
    }
    long elapsed = System.nanoTime() - start;

    ledger.problems().forEach(p -> failures.add(new Failure(Failure.Kind.UNMATCHED_REQUEST, p)));
    checkCalls(c, fixtures, ledger, failures);
    if (thrown == null) {
      adviseOnSilence(fixtures, ledger, failures);
    }
    boolean updated = output != null && checkOutput(c, output, failures);
    return new CaseResult(
        c.id(), failures, ledger.calls(), fixtures.expectedCalls(), updated, elapsed);
  }

  /**
   * Explains a failure to reach the in-process transport's placeholder host: the hot path sent a
   * request with a client of its own, which only the loopback transport can answer.
   */
  private String bypassed(Throwable e) {
    if (transport != TransportKind.IN_PROCESS || !mentions(e, ReplaySession.IN_PROCESS_HOST)) {
      return "";
    }
    return "\n    it sent a request to "
        + ReplaySession.IN_PROCESS_HOST
        + " with its own HTTP client instead of Upstreams.http(), the only client the in-process"
        + " transport answers;\n    "
        + USE_LOOPBACK;
  }

  private static boolean mentions(Throwable e, String text) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(text)) {
        return true;
      }
      for (Throwable s : t.getSuppressed()) {
        if (mentions(s, text)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A hot path that returned without a single call reaching the in-process client, though the
   * recording has calls, may have sent them with its own client and swallowed the failure: the
   * first call-count failure says so.
   */
  private void adviseOnSilence(FixtureSet fixtures, CallLedger ledger, List<Failure> failures) {
    if (transport != TransportKind.IN_PROCESS
        || !ledger.calls().isEmpty()
        || fixtures.expectedCalls().values().stream().noneMatch(n -> n > 0)) {
      return;
    }
    for (int i = 0; i < failures.size(); i++) {
      Failure f = failures.get(i);
      if (f.kind() == Failure.Kind.CALLS_CHANGED) {
        failures.set(
            i,
            new Failure(
                f.kind(),
                f.message()
                    + "\n    no call reached the in-process client; if the hot path sends with an"
                    + " HTTP client of its own, "
                    + USE_LOOPBACK));
        return;
      }
    }
  }

  private void checkCalls(
      CaseSpec c, FixtureSet fixtures, CallLedger ledger, List<Failure> failures) {
    Map<String, Integer> actual = ledger.calls();
    for (String upstream : spec.upstreams().keySet()) {
      Contract contract = contracts.apply(c, upstream);
      int expected = fixtures.expectedCalls().getOrDefault(upstream, 0);
      int got = actual.getOrDefault(upstream, 0);
      boolean broken =
          switch (contract) {
            case EXACT -> got != expected;
            case NO_INCREASE -> got > expected;
            case FREE -> false;
          };
      if (broken) {
        failures.add(
            new Failure(
                Failure.Kind.CALLS_CHANGED,
                upstream
                    + ": "
                    + got
                    + " call(s), recorded "
                    + expected
                    + " (contract "
                    + contract.yamlName()
                    + ")"));
      }
      if (contract == Contract.EXACT) {
        for (RecordedStub stub : fixtures.stubs(upstream)) {
          Manifest.Stub promised =
              fixtures.manifest().stubs().stream()
                  .filter(s -> s.id().equals(stub.id()))
                  .findFirst()
                  .orElse(null);
          if (promised != null && !promised.promised()) {
            continue; // another knob value's request: a build with the recorded values never makes
            // it
          }
          int want = promised == null ? 1 : promised.hits();
          int hits = ledger.hits(stub.id());
          if (hits == 0 && want > 0) {
            failures.add(
                new Failure(
                    Failure.Kind.UNUSED_STUB,
                    upstream + ": stub never used: " + stub.describe() + " (" + stub.file() + ")"));
          }
        }
      }
    }
  }

  /** Compares with the golden; returns whether a new golden was approved. */
  private boolean checkOutput(CaseSpec c, String output, List<Failure> failures)
      throws FixtureException {
    JsonNode actual;
    try {
      actual = CanonicalJson.parse(output);
    } catch (JsonProcessingException e) {
      failures.add(
          new Failure(
              Failure.Kind.HOT_PATH_FAILED,
              "the hot path's output is not JSON: " + e.getOriginalMessage()));
      return false;
    }
    Path goldenFile = layout.golden(c.id());
    Path receivedFile = layout.received(c.id());
    JsonNode expected = readGolden(goldenFile);
    List<Difference> differences =
        expected == null
            ? List.of()
            : new JsonDiff(c.parity().tolerance(), c.parity().ignore()).compare(expected, actual);
    boolean matches = expected != null && differences.isEmpty();
    try {
      if (matches) {
        Files.deleteIfExists(receivedFile);
        return false;
      }
      if (approve) {
        Goldens.write(goldenFile, CanonicalJson.print(actual));
        Files.deleteIfExists(receivedFile);
        return true;
      }
      Goldens.write(receivedFile, CanonicalJson.print(actual));
    } catch (IOException e) {
      throw new FixtureException(receivedFile, "cannot write: " + e.getMessage(), e);
    }
    if (expected == null) {
      failures.add(
          new Failure(
              Failure.Kind.NO_GOLDEN,
              "no golden at "
                  + goldenFile
                  + "; the output is in "
                  + receivedFile
                  + " (approve it with: tuner verify --case "
                  + c.id()
                  + " --update)"));
    } else {
      StringBuilder message =
          new StringBuilder(
              "output differs from "
                  + goldenFile
                  + " at "
                  + differences.size()
                  + " path(s) (received: "
                  + receivedFile
                  + "):");
      differences.stream()
          .limit(SHOWN_DIFFERENCES)
          .forEach(d -> message.append("\n    ").append(d));
      if (differences.size() > SHOWN_DIFFERENCES) {
        message
            .append("\n    ... and ")
            .append(differences.size() - SHOWN_DIFFERENCES)
            .append(" more");
      }
      failures.add(new Failure(Failure.Kind.OUTPUT_MISMATCH, message.toString()));
    }
    return false;
  }

  private static JsonNode readGolden(Path file) throws FixtureException {
    try {
      return CanonicalJson.parse(Files.readString(file));
    } catch (NoSuchFileException e) {
      return null;
    } catch (JsonProcessingException e) {
      throw new FixtureException(file, "not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new FixtureException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  /** Settings of a parity check; defaults are the strict ones. */
  public static final class Builder {
    private final Layout layout;
    private final HarnessSpec spec;
    private final HotPath hotPath;
    private TransportKind transport = TransportKind.IN_PROCESS;
    private BiFunction<CaseSpec, String, Contract> contracts;
    private boolean approve;

    private Builder(Layout layout, HarnessSpec spec, HotPath hotPath) {
      this.layout = Objects.requireNonNull(layout);
      this.spec = Objects.requireNonNull(spec);
      this.hotPath = Objects.requireNonNull(hotPath);
    }

    public Builder transport(TransportKind transport) {
      this.transport = transport;
      return this;
    }

    /** Overrides the spec's contracts, e.g. for an optimisation phase that relaxes one upstream. */
    public Builder contracts(BiFunction<CaseSpec, String, Contract> contracts) {
      this.contracts = contracts;
      return this;
    }

    /**
     * Approves outputs that differ from their goldens instead of failing ({@code verify --update}).
     */
    public Builder approve(boolean approve) {
      this.approve = approve;
      return this;
    }

    public ParityCheck build() {
      return new ParityCheck(this);
    }
  }
}

package dev.tuner.propose;

import dev.tuner.knobs.JvmKnobs;
import dev.tuner.knobs.Knob;
import dev.tuner.knobs.KnobSearch;
import dev.tuner.knobs.KnobSpace;
import dev.tuner.knobs.SteppedSearch;
import dev.tuner.log.LogRecord;
import dev.tuner.log.ProposerInfo;
import dev.tuner.log.Stats;
import dev.tuner.log.Status;
import dev.tuner.spec.KnobFile;
import dev.tuner.spec.KnobsSpec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The knob search as a proposer (no LLM, no network): each proposal sets the declared knobs to the
 * next point the search wants measured, in the knobs file and the JVM options file, and the loop's
 * gates (scope, build, parity, call contracts, keep rule) judge it like any change.
 *
 * <p>A point's value is the primary metric of the try, on one scale for the whole run: the
 * baseline's own number, then each candidate's ratio to the best at the time of its comparison
 * times the best's value (the ratio comes from the paired comparison, so machine drift between
 * tries cancels). A point that failed a gate (parity, calls, build, crash, timeout) is infeasible.
 * Every value is cached, also from a resumed run's log, so no point is measured twice, with one
 * exception: a point rejected because its calls changed (a batch size in a phase with exact
 * contracts) is tried again in a later phase, whose contracts may allow it; the search then starts
 * over from the best so far.
 */
public final class KnobProposer implements Proposer {

  private final KnobsSpec spec;
  private final KnobSpace space;
  private final String primary;
  private final String jvmOptionsFile;
  private final Map<Map<String, String>, Double> values = new LinkedHashMap<>();

  /** Points rejected as {@code calls_changed}, with the phase that rejected them. */
  private final Map<Map<String, String>, String> rejectedForCalls = new HashMap<>();

  private SteppedSearch search;
  private String phase;
  private Map<String, String> start;
  private double bestValue = Double.NaN;

  /**
   * @param primary the primary metric's name ({@code p95}), the key of its stats
   * @param jvmOptionsFile {@code benchmark.jvmOptionsFile}, relative to the root; null without JVM
   *     knobs
   */
  public KnobProposer(KnobsSpec spec, String primary, String jvmOptionsFile) {
    this.spec = spec;
    this.space = KnobSpace.of(spec);
    this.primary = primary;
    this.jvmOptionsFile = jvmOptionsFile;
  }

  @Override
  public String kind() {
    return "knobs";
  }

  @Override
  public Map<String, String> knobs(Path root) throws IOException {
    Map<String, String> point = new LinkedHashMap<>();
    if (!space.params().isEmpty()) {
      KnobFile file = new KnobFile(root.resolve(spec.file()));
      for (Knob k : space.params()) {
        point.put(k.name(), file.get(k.name()));
      }
    }
    if (!space.jvm().isEmpty()) {
      point.putAll(JvmKnobs.values(root.resolve(jvmOptionsFile), space.jvm()));
    }
    return space.with(point, Map.of());
  }

  @Override
  public void observe(LogRecord.Experiment tried) {
    if (tried.knobs() == null
        || !tried.knobs().keySet().containsAll(space.knobs().stream().map(Knob::name).toList())) {
      return;
    }
    Map<String, String> point = space.with(tried.knobs(), Map.of());
    double value = valueOf(tried);
    if (tried.status() == Status.BASELINE) {
      if (start == null) {
        start = point;
      }
      bestValue = value;
    } else if ((tried.status() == Status.KEEP || tried.status() == Status.EXPLORE)
        && Double.isFinite(value)) {
      bestValue = value;
    }
    if (tried.status() == Status.CALLS_CHANGED) {
      rejectedForCalls.put(point, tried.phase());
    }
    values.putIfAbsent(point, value);
    if (search != null) {
      search.tell(point, values.get(point));
    }
  }

  /** The point's value on the run's scale; {@code +Infinity} when it failed a gate. */
  private double valueOf(LogRecord.Experiment e) {
    switch (e.status()) {
      case BASELINE:
        return e.metric() == null ? Double.POSITIVE_INFINITY : e.metric();
      case KEEP, DISCARD, EXPLORE:
        {
          Stats s = e.stats() == null ? null : e.stats().get(primary);
          if (s != null && Double.isFinite(s.ratio()) && Double.isFinite(bestValue)) {
            return s.ratio() * bestValue;
          }
          return e.metric() == null ? Double.POSITIVE_INFINITY : e.metric();
        }
      default:
        return Double.POSITIVE_INFINITY;
    }
  }

  @Override
  public Proposal propose(ProposalRequest request) throws IOException {
    ProposerInfo info = ProposerInfo.of(kind());
    Map<String, String> current = knobs(request.root());
    if (search != null && !request.phase().equals(phase)) {
      search.close();
      search = null;
      start = current;
    }
    if (search == null) {
      phase = request.phase();
      rejectedForCalls.forEach(
          (p, rejectedIn) -> {
            if (!phase.equals(rejectedIn)) {
              values.remove(p);
            }
          });
      rejectedForCalls.values().removeIf(rejectedIn -> !phase.equals(rejectedIn));
      search =
          new SteppedSearch(
              new KnobSearch(space, spec.optimizer(), spec.seed()),
              start != null ? start : current);
      values.forEach(search::tell);
    }
    Map<String, String> point;
    try {
      point = search.next();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("the knob search was interrupted");
    }
    if (point == null) {
      return Proposal.exhausted(info);
    }
    Map<String, String> params = new LinkedHashMap<>();
    space.params().forEach(k -> params.put(k.name(), point.get(k.name())));
    if (!params.isEmpty()) {
      new KnobFile(request.root().resolve(spec.file())).set(params);
    }
    if (!space.jvm().isEmpty()) {
      JvmKnobs.write(request.root().resolve(jvmOptionsFile), space.jvm(), point);
    }
    List<String> changes = new ArrayList<>();
    point.forEach(
        (k, v) -> {
          if (!v.equals(current.get(k))) {
            changes.add(k + " " + current.get(k) + "→" + v);
          }
        });
    String description = "knobs: " + (changes.isEmpty() ? "no change" : String.join(", ", changes));
    return Proposal.changed(
            description,
            "knob search ("
                + spec.optimizer()
                + ", seed "
                + spec.seed()
                + ") at "
                + KnobSpace.describe(point),
            info,
            null)
        .withKnobs(point);
  }
}

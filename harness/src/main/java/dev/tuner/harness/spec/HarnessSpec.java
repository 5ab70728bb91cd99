package dev.tuner.harness.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The sections of {@code tuner.yaml} that record and replay need: the hot path, its upstreams, the
 * cases and their call contracts. The tuner reads the same file strictly, with its own sections;
 * this view skips them.
 *
 * @param contracts default call contract per upstream (absent: {@code exact})
 * @param benchmark holds the replay transport, {@code benchmark.transport}: what {@code verify} and
 *     {@link dev.tuner.harness.junit.ReplayCases} use when not given one
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HarnessSpec(
    TargetSpec target,
    Map<String, UpstreamSpec> upstreams,
    List<CaseSpec> cases,
    Map<String, Contract> contracts,
    RecordSpec record,
    BenchmarkSection benchmark) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  public HarnessSpec {
    upstreams = upstreams == null ? Map.of() : new TreeMap<>(upstreams);
    cases = cases == null ? List.of() : List.copyOf(cases);
    contracts = contracts == null ? Map.of() : Map.copyOf(contracts);
    record = record == null ? RecordSpec.DEFAULTS : record;
    benchmark = benchmark == null ? new BenchmarkSection(null) : benchmark;
  }

  /** A spec that leaves the transport to whoever replays it (in-process unless told otherwise). */
  public HarnessSpec(
      TargetSpec target,
      Map<String, UpstreamSpec> upstreams,
      List<CaseSpec> cases,
      Map<String, Contract> contracts,
      RecordSpec record) {
    this(target, upstreams, cases, contracts, record, null);
  }

  /** Reads and checks the harness's sections of a spec file. */
  public static HarnessSpec load(Path file) throws SpecException {
    SpecReader reader = SpecReader.open(file);
    HarnessSpec spec = reader.read(HarnessSpec.class);
    spec.check(reader);
    return spec;
  }

  /** Checks what binding cannot: presence, uniqueness, names that refer to declared upstreams. */
  public void check(SpecReader reader) throws SpecException {
    if (target == null || target.hotPath() == null || target.hotPath().isBlank()) {
      throw reader.error(
          "target.hotPath", "missing: the class implementing dev.tuner.harness.HotPath");
    }
    if (upstreams.isEmpty()) {
      throw reader.error("upstreams", "missing: declare at least one upstream (name: {url: ...})");
    }
    for (var e : upstreams.entrySet()) {
      if (!ID.matcher(e.getKey()).matches()) {
        throw reader.error(
            "upstreams." + e.getKey(), "an upstream name must be letters, digits, '-', '_' or '.'");
      }
      var url = e.getValue() == null ? null : e.getValue().url();
      if (url == null
          || url.getScheme() == null
          || !url.getScheme().startsWith("http")
          || url.getHost() == null) {
        throw reader.error(
            "upstreams." + e.getKey() + ".url", "missing or not an http(s) URL: " + url);
      }
    }
    checkContracts(reader, "contracts", contracts);
    if (cases.isEmpty()) {
      throw reader.error("cases", "missing: declare at least one case");
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < cases.size(); i++) {
      CaseSpec c = cases.get(i);
      String at = "cases[" + i + "]";
      if (c.id() == null || !ID.matcher(c.id()).matches()) {
        throw reader.error(
            at + ".id",
            "missing or not a file-name-safe id (letters, digits, '-', '_', '.'): " + c.id());
      }
      if (!ids.add(c.id())) {
        throw reader.error(at + ".id", "duplicate case id '" + c.id() + "'");
      }
      if (c.parity().tolerance() < 0) {
        throw reader.error(at + ".parity.tolerance", "must not be negative");
      }
      checkContracts(reader, at + ".contracts", c.contracts());
    }
  }

  private void checkContracts(SpecReader reader, String at, Map<String, Contract> byUpstream)
      throws SpecException {
    for (var e : byUpstream.entrySet()) {
      if (!upstreams.containsKey(e.getKey())) {
        throw reader.error(
            at + "." + e.getKey(),
            "no upstream named '" + e.getKey() + "'; declared: " + upstreams.keySet());
      }
      if (e.getValue() == null) {
        throw reader.error(
            at + "." + e.getKey(), "missing contract: one of [exact, no-increase, free]");
      }
    }
  }

  /** The case with this id, or empty. */
  public java.util.Optional<CaseSpec> findCase(String id) {
    return cases.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /**
   * The contract for one upstream of one case: the case's own, else the spec's default, else exact.
   */
  public Contract contract(CaseSpec c, String upstream) {
    return c.contracts().getOrDefault(upstream, contracts.getOrDefault(upstream, Contract.EXACT));
  }
}

package dev.tuner.spec;

import dev.tuner.harness.spec.CaseSpec;
import dev.tuner.harness.spec.Contract;
import dev.tuner.harness.spec.HarnessSpec;
import dev.tuner.harness.spec.RecordSpec;
import dev.tuner.harness.spec.SpecException;
import dev.tuner.harness.spec.SpecReader;
import dev.tuner.harness.spec.TargetSpec;
import dev.tuner.harness.spec.UpstreamSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The whole of {@code tuner.yaml}, read strictly: every key must be one of these. The sections
 * record and replay need are the harness's own types, so both readers agree on them.
 */
public record TunerSpec(
    String name,
    String objective,
    TargetSpec target,
    BuildSpec build,
    Map<String, UpstreamSpec> upstreams,
    RecordSpec record,
    Map<String, Contract> contracts,
    List<CaseSpec> cases,
    MetricSpec metric,
    ScopeSpec scope,
    OptimizeSpec optimize,
    BenchmarkSpec benchmark,
    KnobsSpec knobs) {

  public TunerSpec {
    build = build == null ? BuildSpec.MAVEN : build;
    metric = metric == null ? MetricSpec.DEFAULTS : metric;
    scope = scope == null ? new ScopeSpec(null, null) : scope;
    optimize = optimize == null ? OptimizeSpec.DEFAULTS : optimize;
    benchmark = benchmark == null ? BenchmarkSpec.DEFAULTS : benchmark;
  }

  /** Reads and checks a spec file; every problem names the file, line and key. */
  public static TunerSpec load(Path file) throws SpecException {
    SpecReader reader = SpecReader.open(file);
    TunerSpec spec = reader.read(TunerSpec.class);
    spec.harness().check(reader);
    if (spec.name() == null || spec.name().isBlank()) {
      throw reader.error("name", "missing: a short name for this target");
    }
    checkBuild(reader, spec.build());
    if (spec.metric().threshold() < 0 || spec.metric().threshold() >= 0.5) {
      throw reader.error(
          "metric.threshold", "must be in [0, 0.5): a relative change such as 0.01 for 1%");
    }
    checkOptimize(reader, spec);
    BenchmarkChecks.check(spec.benchmark(), spec.metric(), reader);
    KnobChecks.check(spec, reader, file.toAbsolutePath().getParent());
    return spec;
  }

  private static void checkBuild(SpecReader reader, BuildSpec build) throws SpecException {
    if (build.timeoutSeconds() <= 0) {
      throw reader.error("build.timeoutSeconds", "must be positive");
    }
    if (build.maven()) {
      if (build.artifact() != null || build.classpathFile() != null) {
        throw reader.error(
            build.artifact() != null ? "build.artifact" : "build.classpathFile",
            "needs build.command, the command that produces it");
      }
      return;
    }
    if (blank(build.command())) {
      throw reader.error("build.command", "must not be blank");
    }
    if (build.module() != null) {
      throw reader.error(
          "build.module", "is for tuner's own Maven build; with build.command, leave it out");
    }
    if ((build.artifact() == null) == (build.classpathFile() == null)) {
      throw reader.error(
          "build.command",
          "needs exactly one of build.classpathFile (the class path the command writes) or"
              + " build.artifact (the uber-jar it makes); without a command tuner builds with"
              + " Maven");
    }
  }

  private static void checkOptimize(SpecReader reader, TunerSpec spec) throws SpecException {
    OptimizeSpec o = spec.optimize();
    if (o.maxExperiments() < 0) {
      throw reader.error("optimize.maxExperiments", "must not be negative");
    }
    if (o.plateau() < 1) {
      throw reader.error("optimize.plateau", "must be at least 1");
    }
    if (o.timeoutFactor() < 1) {
      throw reader.error(
          "optimize.timeoutFactor", "must be at least 1 (a multiple of the baseline's stage time)");
    }
    if (o.minStageSeconds() < 1) {
      throw reader.error("optimize.minStageSeconds", "must be at least 1");
    }
    for (int i = 0; i < o.phases().size(); i++) {
      var phase = o.phases().get(i);
      if (phase.name() == null || phase.name().isBlank()) {
        throw reader.error("optimize.phases[" + i + "].name", "missing");
      }
      for (String upstream : phase.contracts().keySet()) {
        if (!spec.upstreams().containsKey(upstream)) {
          throw reader.error(
              "optimize.phases[" + i + "].contracts." + upstream,
              "no upstream named '" + upstream + "'; declared: " + spec.upstreams().keySet());
        }
      }
    }
    String kind = o.proposer().kind();
    if (kind != null && !List.of("patches", "command", "llm", "knobs").contains(kind)) {
      throw reader.error(
          "optimize.proposer.kind", "'" + kind + "' is not one of [patches, command, llm, knobs]");
    }
    checkLlm(reader, o.proposer().llm());
  }

  private static void checkLlm(SpecReader reader, OptimizeSpec.LlmSpec llm) throws SpecException {
    String key = "optimize.proposer.llm.";
    if (llm.provider() != null && !PROVIDERS.contains(llm.provider())) {
      throw reader.error(key + "provider", "'" + llm.provider() + "' is not one of " + PROVIDERS);
    }
    if (llm.temperature() != null && (llm.temperature() < 0 || llm.temperature() > 2)) {
      throw reader.error(key + "temperature", "must be in [0, 2]");
    }
    if (llm.maxTokens() < 1) {
      throw reader.error(key + "maxTokens", "must be at least 1");
    }
    if (llm.timeoutSeconds() < 1) {
      throw reader.error(key + "timeoutSeconds", "must be at least 1");
    }
    if (llm.retries() < 0) {
      throw reader.error(key + "retries", "must not be negative");
    }
    if (llm.retryBackoffMillis() < 0) {
      throw reader.error(key + "retryBackoffMillis", "must not be negative");
    }
    for (var price : llm.prices().entrySet()) {
      OptimizeSpec.Price p = price.getValue();
      if (p == null || p.input() == null || p.output() == null || p.input() < 0 || p.output() < 0) {
        throw reader.error(
            key + "prices." + price.getKey(),
            "needs input and output: USD per million tokens, not negative (e.g. {input: 2.5, output: 10})");
      }
    }
  }

  /** The providers the llm proposer can talk to. */
  public static final List<String> PROVIDERS =
      List.of("openai", "anthropic", "ollama", "openai-compatible");

  /** The harness's view of the same file. */
  public HarnessSpec harness() {
    return new HarnessSpec(target, upstreams, cases, contracts, record);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

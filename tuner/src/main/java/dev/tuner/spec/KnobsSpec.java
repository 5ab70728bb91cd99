package dev.tuner.spec;

import java.util.List;

/**
 * The {@code knobs:} section of {@code tuner.yaml}: what {@code tuner optimize --proposer knobs}
 * may set.
 *
 * @param file the knobs file, relative to the repository root: {@code .properties}, {@code
 *     .yaml}/{@code .yml} or {@code .json} (flat keys, or dotted paths into nested objects)
 * @param seed the search's random seed (default 1), so a run is reproducible
 * @param optimizer the numeric search: {@code cmaes} (default), {@code bobyqa} (two or more numeric
 *     knobs) or {@code nelder-mead}
 * @param params the knobs of {@code file}
 * @param jvm JVM options of the benchmark forks, written to {@code benchmark.jvmOptionsFile}
 */
public record KnobsSpec(
    String file, Long seed, String optimizer, List<KnobSpec> params, List<KnobSpec> jvm) {

  public KnobsSpec {
    seed = seed == null ? 1L : seed;
    optimizer = optimizer == null ? "cmaes" : optimizer;
    params = params == null ? List.of() : List.copyOf(params);
    jvm = jvm == null ? List.of() : List.copyOf(jvm);
  }

  /**
   * One knob.
   *
   * @param type {@code integer}, {@code real}, {@code choice} or {@code boolean}
   * @param min with {@code max}: a numeric knob's range (inclusive)
   * @param scale {@code linear} (default) or {@code log}
   * @param values a choice's values; for a numeric knob, its ordered levels instead of a range
   * @param option a JVM knob's option: the flag a boolean adds, or a template with {@code {}} for a
   *     number ({@code -Xmx{}m}); a JVM choice's values are the options themselves ({@code ""} for
   *     none)
   * @param calls the upstreams whose calls the knob changes (a batch size): {@code tuner record}
   *     records the requests of each of its values, so that a phase relaxing those upstreams'
   *     contracts can replay them
   */
  public record KnobSpec(
      String name,
      String type,
      Double min,
      Double max,
      String scale,
      List<Object> values,
      String option,
      List<String> calls) {

    public KnobSpec {
      calls = calls == null ? List.of() : List.copyOf(calls);
    }

    public KnobSpec(
        String name,
        String type,
        Double min,
        Double max,
        String scale,
        List<Object> values,
        String option) {
      this(name, type, min, max, scale, values, option, null);
    }
  }
}

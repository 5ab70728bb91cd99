package dev.tuner.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuner.harness.ExitCode;
import dev.tuner.harness.HarnessException;
import dev.tuner.harness.HotPath;
import dev.tuner.harness.HotPaths;
import dev.tuner.harness.JsonMappers;
import dev.tuner.harness.ParentWatch;
import dev.tuner.harness.fixture.FixtureException;
import dev.tuner.harness.fixture.Layout;
import dev.tuner.harness.parity.CaseResult;
import dev.tuner.harness.parity.Failure;
import dev.tuner.harness.parity.ParityCheck;
import dev.tuner.harness.record.Recorder;
import dev.tuner.harness.record.RecordingFailedException;
import dev.tuner.harness.record.UpstreamUnreachableException;
import dev.tuner.harness.replay.TransportKind;
import dev.tuner.harness.spec.CaseSpec;
import dev.tuner.harness.spec.Contract;
import dev.tuner.harness.spec.HarnessSpec;
import dev.tuner.harness.spec.Split;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Record and verify in a JVM whose classpath holds the user's code: the tuner forks this on the
 * build's artifact, so the code under test never runs inside the tuner. Also usable by hand: {@code
 * java -cp benchmarks.jar dev.tuner.harness.cli.HarnessMain verify --spec tuner.yaml}.
 *
 * <pre>
 * record --spec FILE [--case ID]... [--out DIR] [--variant DIR]...
 * verify --spec FILE [--case ID]... [--holdout] [--update] [--transport in-process|loopback]
 *        [--contract UPSTREAM=exact|no-increase|free]... [--json FILE]
 * </pre>
 *
 * {@code --transport} defaults to the spec's {@code benchmark.transport}, else in-process. {@code
 * --out} writes the recording under DIR instead of next to the spec (a staged variant); each {@code
 * --variant} names such a staged recording, made with other knob values and labelled by its {@code
 * label.txt}, whose requests join this one's fixtures.
 *
 * <p>Exit codes: 0 all passed, 1 a check failed, 2 bad arguments, spec, fixture or golden, 3
 * environment.
 */
public final class HarnessMain {

  private static final ObjectMapper JSON = JsonMappers.pretty();

  private final PrintWriter out;
  private final PrintWriter err;
  private final Map<String, String> env;

  public HarnessMain(PrintWriter out, PrintWriter err, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.env = env;
  }

  public static void main(String[] args) {
    ParentWatch.endWithParent();
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = new HarnessMain(out, err, System.getenv()).run(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  public int run(String... args) {
    Args parsed;
    try {
      parsed = Args.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("harness: " + e.getMessage());
      return ExitCode.USAGE;
    }
    try {
      HarnessSpec spec = HarnessSpec.load(parsed.spec);
      Layout layout = new Layout(parsed.spec.toAbsolutePath().getParent());
      List<CaseSpec> cases = select(spec, parsed);
      HotPath hotPath = HotPaths.load(spec.target().hotPath());
      return parsed.command.equals("record")
          ? record(layout, spec, hotPath, cases, parsed)
          : verify(layout, spec, hotPath, cases, parsed);
    } catch (HarnessException e) {
      err.println("error: " + e.getMessage());
      return e.exitCode();
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return ExitCode.USAGE;
    } catch (IOException e) {
      err.println("error: " + e);
      return ExitCode.ENVIRONMENT;
    }
  }

  private int record(
      Layout layout, HarnessSpec spec, HotPath hotPath, List<CaseSpec> cases, Args args)
      throws IOException, FixtureException, UpstreamUnreachableException, RecordingFailedException {
    Layout into = args.out == null ? layout : new Layout(args.out);
    List<Recorder.Variant> variants = new ArrayList<>();
    for (Path dir : args.variants) {
      variants.add(
          new Recorder.Variant(
              Files.readString(dir.resolve("label.txt")).strip(), new Layout(dir)));
    }
    Recorder recorder = new Recorder(into, spec, hotPath, variants);
    for (CaseSpec c : cases) {
      Recorder.Recorded recorded = recorder.record(c);
      out.printf(
          Locale.ROOT,
          "recorded %-24s %s -> %s%n",
          c.id(),
          describe(recorded.calls()),
          into.root().relativize(recorded.fixtures()));
      recorded
          .variants()
          .forEach(
              (label, calls) -> out.printf(Locale.ROOT, "  with %s: %s%n", label, describe(calls)));
    }
    out.printf(
        Locale.ROOT,
        "record: %d case(s) recorded; goldens in %s%n",
        cases.size(),
        into.root().relativize(into.goldens()));
    return ExitCode.OK;
  }

  private int verify(
      Layout layout, HarnessSpec spec, HotPath hotPath, List<CaseSpec> cases, Args args)
      throws IOException, FixtureException {
    if (args.update && "true".equalsIgnoreCase(env.getOrDefault("CI", ""))) {
      err.println(
          "error: --update approves new goldens and is refused when CI=true; run it locally and commit the goldens");
      return ExitCode.USAGE;
    }
    ParityCheck check =
        ParityCheck.builder(layout, spec, hotPath)
            .transport(args.transport != null ? args.transport : TransportKind.of(spec))
            .approve(args.update)
            .contracts(
                (c, upstream) -> args.contracts.getOrDefault(upstream, spec.contract(c, upstream)))
            .build();
    List<CaseResult> results = new ArrayList<>();
    for (CaseSpec c : cases) {
      CaseResult result = check.run(c);
      results.add(result);
      String status = result.passed() ? (result.goldenUpdated() ? "UPDATED" : "PASS") : "FAIL";
      out.printf(
          Locale.ROOT,
          "%-7s %-24s calls %-40s %8.1f ms%n",
          status,
          c.id(),
          describe(result.calls()),
          result.elapsedNanos() / 1e6);
      for (Failure failure : result.failures()) {
        out.println("    " + failure.message());
      }
    }
    if (args.json != null) {
      Files.writeString(args.json, JSON.writeValueAsString(results));
    }
    long failed = results.stream().filter(r -> !r.passed()).count();
    out.printf(Locale.ROOT, "verify: %d passed, %d failed%n", results.size() - failed, failed);
    return failed == 0 ? ExitCode.OK : ExitCode.CHECK_FAILED;
  }

  private static List<CaseSpec> select(HarnessSpec spec, Args args) {
    if (!args.cases.isEmpty()) {
      List<CaseSpec> chosen = new ArrayList<>();
      for (String id : args.cases) {
        chosen.add(
            spec.findCase(id)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "--case "
                                + id
                                + ": no such case in "
                                + args.spec
                                + "; cases: "
                                + spec.cases().stream()
                                    .map(CaseSpec::id)
                                    .collect(Collectors.joining(", ")))));
      }
      return chosen;
    }
    return spec.cases().stream().filter(c -> !args.holdout || c.split() == Split.HOLDOUT).toList();
  }

  private static String describe(Map<String, Integer> calls) {
    return calls.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  /** The command line, parsed by hand: the harness stays free of CLI libraries. */
  private static final class Args {
    String command;
    Path spec = Path.of("tuner.yaml");
    final List<String> cases = new ArrayList<>();
    boolean holdout;
    boolean update;

    /** Null: the spec's. */
    TransportKind transport;

    final Map<String, Contract> contracts = new HashMap<>();
    Path json;
    Path out;
    final List<Path> variants = new ArrayList<>();

    static Args parse(String[] argv) {
      Args a = new Args();
      if (argv.length == 0 || !(argv[0].equals("record") || argv[0].equals("verify"))) {
        throw new IllegalArgumentException(
            "usage: HarnessMain record|verify --spec FILE [options]");
      }
      a.command = argv[0];
      for (int i = 1; i < argv.length; i++) {
        String flag = argv[i];
        switch (flag) {
          case "--holdout" -> a.holdout = true;
          case "--update" -> a.update = true;
          case "--spec" -> a.spec = Path.of(value(argv, ++i, flag));
          case "--case" -> a.cases.add(value(argv, ++i, flag));
          case "--json" -> a.json = Path.of(value(argv, ++i, flag));
          case "--out" -> a.out = Path.of(value(argv, ++i, flag));
          case "--variant" -> a.variants.add(Path.of(value(argv, ++i, flag)));
          case "--transport" -> a.transport = TransportKind.parse(value(argv, ++i, flag));
          case "--contract" -> {
            String v = value(argv, ++i, flag);
            int eq = v.indexOf('=');
            if (eq < 0) {
              throw new IllegalArgumentException(
                  "--contract expects UPSTREAM=exact|no-increase|free, got " + v);
            }
            a.contracts.put(v.substring(0, eq), contract(v.substring(eq + 1)));
          }
          default -> throw new IllegalArgumentException("unknown option " + flag);
        }
      }
      return a;
    }

    private static Contract contract(String name) {
      for (Contract c : Contract.values()) {
        if (c.yamlName().equals(name)) {
          return c;
        }
      }
      throw new IllegalArgumentException(
          "unknown contract '" + name + "'; expected exact, no-increase or free");
    }

    private static String value(String[] argv, int i, String flag) {
      if (i >= argv.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      return argv[i];
    }
  }
}

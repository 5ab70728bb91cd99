package dev.tuner.harness.runner;

import dev.tuner.harness.ExitCode;
import dev.tuner.harness.ParentWatch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;

/**
 * Runs two builds of the same project in one JVM, each from its own artifact in its own class
 * loader, interleaved operation by operation, and prints what it measured as JSON lines: the
 * tuner's in-JVM A/B design (see docs/design/decision-rule.md). The lines and the command line are
 * spelled in {@link InterleaveProtocol}.
 *
 * <p>A round runs every case: for each, {@code --ops} pairs of operations, A then B or B then A in
 * turn, so both builds see the same moments of the machine (another tenant's burst, a GC, a JIT
 * compilation) in equal measure. Warm-up rounds (a quarter of the operations) run until {@link
 * WarmupRule} finds the JVM warm ({@code --warmup steady}) or {@code --warmup-seconds} have passed.
 * Each round prints one line:
 *
 * <pre>
 * {"type":"round","round":1,"warmup":false,"seconds":12.3,
 *  "cases":{"ai-default":{"a":{"nanos":[…],"cpuNanos":[…],"allocBytesPerOp":…,"callsPerOp":{…}},"b":{…}},…}}
 * </pre>
 *
 * With {@code --paced true} the JVM prints {@code {"type":"ready"}} after warm-up and then runs one
 * round per line it reads on its input, ending when the input closes: the tuner keeps two such
 * JVMs, the second with the builds' roles swapped, and asks them for rounds in turn. Between
 * comparisons the tuner may keep them: it swaps the roles or loads a new build in place of one (the
 * {@link InterleaveProtocol.Command}s), and only that build warms up; a closed build that left a
 * thread or a JVM-wide setting behind ({@link Leftovers}) ends the JVM instead.
 *
 * <pre>
 * java -cp A dev.tuner.harness.runner.InterleaveMain --a A --a-spec A/tuner.yaml
 *     --b B --b-spec B/tuner.yaml --case ID... [--transport in-process] [--warmup-seconds 30] [--warmup fixed]
 *     [--rounds 10] [--ops 10] [--paced false]
 * </pre>
 *
 * Exit codes: 0 done, 2 bad arguments, 3 a build failed to load or run (after a line {@code
 * {"type":"failed","side":"a"|"b","error":…}} naming it).
 */
public final class InterleaveMain {

  static final String RUNNER = CaseRunner.class.getName();

  /** Steady warm-up never ends sooner: the JIT's first tiers alone can look flat for a while. */
  static final double MIN_WARMUP_SECONDS = 5;

  private InterleaveMain() {}

  public static void main(String[] args) {
    ParentWatch.endWithParent();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    int code;
    try {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      code = run(Args.parse(args), in, out);
    } catch (SideFailed e) {
      // Which build failed decides whose fault it is: the tuner reads this line, a person the log.
      out.println(InterleaveProtocol.failedLine(e.side, firstLines(e.getCause())));
      System.err.println(
          "interleave: build " + e.side.toUpperCase(java.util.Locale.ROOT) + " failed");
      e.getCause().printStackTrace();
      code = ExitCode.ENVIRONMENT;
    } catch (IllegalArgumentException e) {
      System.err.println("interleave: " + e.getMessage());
      code = ExitCode.USAGE;
    } catch (Exception e) {
      Throwable cause = e instanceof InvocationTargetException i ? i.getCause() : e;
      System.err.println("interleave: " + cause);
      cause.printStackTrace();
      code = ExitCode.ENVIRONMENT;
    }
    out.flush();
    System.exit(code);
  }

  /** The error and its causes, a line each, with the first frames of the deepest. */
  static String firstLines(Throwable error) {
    StringBuilder text = new StringBuilder();
    Throwable deepest = error;
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof InvocationTargetException) {
        continue;
      }
      text.append(text.length() == 0 ? "" : "\ncaused by: ").append(t);
      deepest = t;
    }
    StackTraceElement[] frames = deepest.getStackTrace();
    for (int i = 0; i < Math.min(5, frames.length); i++) {
      text.append("\n\tat ").append(frames[i]);
    }
    return text.toString();
  }

  /** Build {@code side} ({@code a} or {@code b}) failed to load or run a case. */
  static final class SideFailed extends Exception {
    final String side;

    SideFailed(String side, Throwable cause) {
      super("build " + side + " failed", cause);
      this.side = side;
    }
  }

  static int run(Args args, BufferedReader in, PrintStream out) throws Exception {
    try (Pair pair = Pair.open(args)) {
      long start = System.nanoTime();
      int[] round = {1};
      WarmupRule.Verdict verdict = warmUp(args, pair, null, out, start, round);
      if (args.paced) {
        out.println(readyLine(start, verdict));
      }
      // Paced, the tuner decides how many rounds it needs; unpaced, --rounds does.
      int measured = 0;
      while (args.paced || measured < args.rounds) {
        String line = args.paced ? in.readLine() : InterleaveProtocol.ROUND_REQUEST;
        if (line == null) {
          break; // the tuner is done with us and closed our input
        }
        InterleaveProtocol.Command command = InterleaveProtocol.Command.parse(line);
        if (command instanceof InterleaveProtocol.Swap) {
          pair.swap();
        } else if (command instanceof InterleaveProtocol.Load load) {
          String left = pair.unload(load.role());
          if (left != null) {
            out.println(InterleaveProtocol.staleLine(left));
            return ExitCode.OK; // the tuner starts fresh JVMs: nothing of that build may linger
          }
          pair.load(load, args);
          long loaded = System.nanoTime();
          verdict = warmUp(args, pair, load.role(), out, loaded, round);
          out.println(readyLine(loaded, verdict));
        } else {
          out.println(round(args, pair.a, pair.b, round[0]++, false, start, args.ops));
          measured++;
        }
      }
    }
    return ExitCode.OK;
  }

  private static String readyLine(long since, WarmupRule.Verdict verdict) {
    return InterleaveProtocol.readyLine(
        new InterleaveProtocol.Ready(
            (System.nanoTime() - since) / 1e9, verdict == WarmupRule.Verdict.STEADY, Samples.CPU));
  }

  /**
   * Warm-up rounds until the rule finds the JVM warm or its cap: of both builds ({@code only}
   * null), or of the one just loaded in role {@code only}, the other being warm already.
   */
  private static WarmupRule.Verdict warmUp(
      Args args, Pair pair, String only, PrintStream out, long start, int[] round)
      throws Exception {
    WarmupRule rule = new WarmupRule(args.warmup, MIN_WARMUP_SECONDS, args.warmupSeconds);
    WarmupRule.Verdict verdict =
        rule.done(0) ? WarmupRule.Verdict.CAPPED : WarmupRule.Verdict.WARMING;
    // Warm-up rounds are a quarter of a measured one, so the rule sees the JVM settle sooner.
    int warmupOps = Math.max(1, args.ops / 4);
    while (verdict == WarmupRule.Verdict.WARMING) {
      long t0 = System.nanoTime();
      double c0 = compileSeconds();
      Side a = only == null || only.equals("a") ? pair.a : null;
      Side b = only == null || only.equals("b") ? pair.b : null;
      out.println(round(args, a, b, round[0]++, true, start, warmupOps));
      long t1 = System.nanoTime();
      verdict = rule.after((t1 - t0) / 1e9, compileSeconds() - c0, (t1 - start) / 1e9);
    }
    return verdict;
  }

  /**
   * Time the JIT has spent compiling so far, summed over its threads; zero where the JVM does not
   * keep it (the warm-up rule then reads the round times alone).
   */
  private static double compileSeconds() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit.getTotalCompilationTime() / 1e3
        : 0;
  }

  /**
   * Runs one round of every case, {@code ops} pairs each, and returns its JSON line; in warm-up, a
   * side may be null (only the other one warms).
   */
  private static String round(
      Args args, Side a, Side b, int round, boolean warmup, long start, int ops) throws Exception {
    Map<String, InterleaveProtocol.CaseSamples> cases = new LinkedHashMap<>();
    int n = args.cases.size();
    for (int k = 0; k < n; k++) {
      // Each round starts at the next case, so no case always follows the same one.
      String id = args.cases.get((k + round) % n);
      Samples sa = new Samples(ops);
      Samples sb = new Samples(ops);
      for (int i = 0; i < ops; i++) {
        if ((i + round) % 2 == 0) {
          sa.add(a, id);
          sb.add(b, id);
        } else {
          sb.add(b, id);
          sa.add(a, id);
        }
      }
      // Warm-up lines stay short: the tuner may read another JVM's warm-up first, and a full pipe
      // must never stall this one's.
      if (!warmup) {
        cases.put(id, new InterleaveProtocol.CaseSamples(sa.samples(), sb.samples()));
      }
    }
    return InterleaveProtocol.roundLine(
        new InterleaveProtocol.Round(round, warmup, cases, (System.nanoTime() - start) / 1e9));
  }

  /**
   * One case's operations on one side, within a round: each one's wall time and its CPU time. A
   * neighbour on the machine steals wall time but not the thread's CPU time; the collectors run on
   * threads of their own, so their time while the operation ran is added to it.
   */
  private static final class Samples {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final boolean CPU =
        THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
    private final long[] nanos;
    private final long[] cpuNanos;
    private long allocated;
    private final Map<String, Long> calls = new TreeMap<>();
    private int n;

    Samples(int ops) {
      nanos = new long[ops];
      cpuNanos = new long[ops];
    }

    void add(Side side, String caseId) throws Exception {
      if (side == null) {
        return;
      }
      long cpu = CPU ? THREADS.getCurrentThreadCpuTime() : 0;
      long gc = collectorMillis();
      nanos[n] = side.run(caseId);
      if (CPU) {
        cpuNanos[n] =
            THREADS.getCurrentThreadCpuTime() - cpu + (collectorMillis() - gc) * 1_000_000;
      }
      n++;
      allocated += side.lastAllocatedBytes();
      side.lastCalls().forEach((upstream, count) -> calls.merge(upstream, (long) count, Long::sum));
    }

    InterleaveProtocol.Samples samples() {
      Map<String, Double> perOp = new TreeMap<>();
      calls.forEach((upstream, count) -> perOp.put(upstream, (double) count / n));
      return new InterleaveProtocol.Samples(
          LongStream.of(nanos).boxed().toList(),
          CPU ? LongStream.of(cpuNanos).boxed().toList() : List.of(),
          (double) allocated / n,
          perOp);
    }

    private static long collectorMillis() {
      long total = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        total += Math.max(0, gc.getCollectionTime());
      }
      return total;
    }
  }

  /**
   * The two builds, by role. A paced JVM outlives one comparison: the tuner may swap the roles and
   * put a new build in one of them, the other staying warm.
   */
  private static final class Pair implements AutoCloseable {
    private Side a;
    private Side b;
    private int loads;

    static Pair open(Args args) throws Exception {
      Pair pair = new Pair();
      pair.a = Side.open("a", "a", args.a, args.aSpec, args);
      try {
        pair.b = Side.open("b", "b", args.b, args.bSpec, args);
      } catch (Exception e) {
        pair.a.close();
        throw e;
      }
      return pair;
    }

    void swap() {
      Side t = a;
      a = b;
      b = t;
    }

    /**
     * Closes the build in {@code role} and returns what it left running or changed in the JVM, null
     * if nothing.
     */
    String unload(String role) throws Exception {
      Side gone = role.equals("a") ? a : b;
      if (role.equals("a")) {
        a = null;
      } else {
        b = null;
      }
      gone.close();
      return Leftovers.of(gone.loaderName(), gone.globalsBefore());
    }

    void load(InterleaveProtocol.Load load, Args args) throws Exception {
      String name = load.role() + ++loads;
      Side side =
          Side.open(
              load.role(), name, Args.classpath(load.classpath()), Path.of(load.spec()), args);
      if (load.role().equals("a")) {
        a = side;
      } else {
        b = side;
      }
    }

    @Override
    public void close() throws Exception {
      try (Side first = a;
          Side second = b) {
        // both closed, the second even if the first fails
      }
    }
  }

  /** A build loaded in its own class loader, driven through {@link CaseRunner} by reflection. */
  private static final class Side implements AutoCloseable {
    private final String name;
    private final URLClassLoader loader;
    private final Leftovers.Globals globalsBefore;
    private final AutoCloseable runner;
    private final Method run;
    private final Method lastAllocatedBytes;
    private final Method lastCalls;

    private Side(
        String name, URLClassLoader loader, Leftovers.Globals globalsBefore, AutoCloseable runner)
        throws NoSuchMethodException {
      this.name = name;
      this.loader = loader;
      this.globalsBefore = globalsBefore;
      this.runner = runner;
      Class<?> type = runner.getClass();
      this.run = type.getMethod("run", String.class);
      this.lastAllocatedBytes = type.getMethod("lastAllocatedBytes");
      this.lastCalls = type.getMethod("lastCalls");
    }

    /**
     * Loads a build in role {@code name} ({@code a} or {@code b}) with a class loader named {@code
     * build-<loaderName>}, unique in the JVM, so its frames can be told apart after it is closed.
     */
    static Side open(String name, String loaderName, List<Path> classpath, Path spec, Args args)
        throws Exception {
      try {
        return load(name, "build-" + loaderName, classpath, spec, args);
      } catch (Exception e) {
        throw new SideFailed(name, e);
      }
    }

    private static Side load(
        String name, String loaderName, List<Path> classpath, Path spec, Args args)
        throws Exception {
      Leftovers.Globals before = Leftovers.Globals.now();
      List<URL> urls = new ArrayList<>();
      for (Path entry : classpath) {
        // As java -cp does: an entry that is not there holds nothing (Maven names the classes
        // directory of a module without sources, which it never creates).
        if (Files.exists(entry)) {
          urls.add(entry.toUri().toURL());
        }
      }
      // The platform loader as parent: the JDK is shared, nothing of either build is.
      URLClassLoader loader =
          new URLClassLoader(
              loaderName, urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
      Class<?> type;
      try {
        type = Class.forName(RUNNER, true, loader);
      } catch (ClassNotFoundException e) {
        loader.close();
        throw new IllegalArgumentException(
            "the class path of "
                + name
                + " ("
                + classpath
                + ") has no "
                + RUNNER
                + "; it must be built with a harness that has the in-JVM runner");
      }
      Object runner =
          type.getConstructor(String.class, String[].class, String.class)
              .newInstance(spec.toString(), args.cases.toArray(String[]::new), args.transport);
      return new Side(name, loader, before, (AutoCloseable) runner);
    }

    String loaderName() {
      return loader.getName();
    }

    Leftovers.Globals globalsBefore() {
      return globalsBefore;
    }

    long run(String caseId) throws Exception {
      try {
        return (long) run.invoke(runner, caseId);
      } catch (InvocationTargetException e) {
        throw new SideFailed(name, new IllegalStateException("case " + caseId, e.getCause()));
      }
    }

    long lastAllocatedBytes() throws Exception {
      return (long) lastAllocatedBytes.invoke(runner);
    }

    @SuppressWarnings("unchecked")
    Map<String, Integer> lastCalls() throws Exception {
      return (Map<String, Integer>) lastCalls.invoke(runner);
    }

    @Override
    public void close() throws Exception {
      try {
        runner.close();
      } finally {
        loader.close();
      }
    }
  }

  /** The command line. */
  static final class Args {
    List<Path> a;
    Path aSpec;
    List<Path> b;
    Path bSpec;
    final List<String> cases = new ArrayList<>();
    String transport = "in-process";
    double warmupSeconds = 30;
    WarmupRule.Mode warmup = WarmupRule.Mode.FIXED;
    int rounds = 10;
    int ops = 10;
    boolean paced;

    /** A class path as {@code -cp} spells it. */
    static List<Path> classpath(String value) {
      return java.util.Arrays.stream(value.split(java.io.File.pathSeparator))
          .filter(e -> !e.isBlank())
          .map(Path::of)
          .toList();
    }

    static Args parse(String[] argv) {
      Args args = new Args();
      Map<String, String> seen = new LinkedHashMap<>();
      for (int i = 0; i < argv.length; i++) {
        String flag = argv[i];
        if (i + 1 >= argv.length) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        String value = argv[++i];
        switch (flag) {
          case InterleaveProtocol.A -> args.a = classpath(value);
          case InterleaveProtocol.A_SPEC -> args.aSpec = Path.of(value);
          case InterleaveProtocol.B -> args.b = classpath(value);
          case InterleaveProtocol.B_SPEC -> args.bSpec = Path.of(value);
          case InterleaveProtocol.CASE -> args.cases.add(value);
          case InterleaveProtocol.TRANSPORT -> args.transport = value;
          case InterleaveProtocol.WARMUP_SECONDS -> args.warmupSeconds = Double.parseDouble(value);
          case InterleaveProtocol.WARMUP_RULE -> args.warmup = WarmupRule.Mode.parse(value);
          case InterleaveProtocol.ROUNDS -> args.rounds = Integer.parseInt(value);
          case InterleaveProtocol.OPS -> args.ops = Integer.parseInt(value);
          case InterleaveProtocol.PACED -> args.paced = Boolean.parseBoolean(value);
          default -> throw new IllegalArgumentException("unknown option " + flag);
        }
        seen.put(flag, value);
      }
      for (String required : InterleaveProtocol.REQUIRED) {
        if (!seen.containsKey(required)) {
          throw new IllegalArgumentException("missing " + required);
        }
      }
      if (args.rounds < 1 || args.ops < 1 || args.warmupSeconds < 0) {
        throw new IllegalArgumentException(
            "--rounds and --ops must be positive, --warmup-seconds not negative");
      }
      return args;
    }
  }
}

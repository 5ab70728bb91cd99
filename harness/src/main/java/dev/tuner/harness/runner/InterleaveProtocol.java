package dev.tuner.harness.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuner.harness.JsonMappers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link InterleaveMain} and the tuner that forks it say to each other, in one place: the
 * command line, the line the tuner writes to ask for a round, and the JSON lines the JVM prints.
 * The two sides may come from different builds of the harness (the JVM runs on a candidate's
 * artifact), so nothing here may change the bytes on the wire.
 *
 * <p>Every protocol line is one JSON object whose first field is {@code type}; whatever else the
 * JVM prints (the hot path's own output) does not start with {@link #LINE_PREFIX}.
 */
public final class InterleaveProtocol {

  /** The main class the tuner forks. */
  public static final String MAIN = InterleaveMain.class.getName();

  // Command-line flags of InterleaveMain; each takes one value.
  public static final String A = "--a";
  public static final String A_SPEC = "--a-spec";
  public static final String B = "--b";
  public static final String B_SPEC = "--b-spec";
  public static final String CASE = "--case";
  public static final String TRANSPORT = "--transport";
  public static final String WARMUP_SECONDS = "--warmup-seconds";
  public static final String WARMUP_RULE = "--warmup";
  public static final String ROUNDS = "--rounds";
  public static final String OPS = "--ops";
  public static final String PACED = "--paced";

  /** The flags without a default. */
  public static final List<String> REQUIRED = List.of(A, A_SPEC, B, B_SPEC, CASE);

  /**
   * What the tuner writes, one per line, to ask a paced JVM for its next round; the JVM reads any
   * line that is not another {@link Command} as a request and ends when its input closes.
   */
  public static final String ROUND_REQUEST = "round";

  /**
   * What the tuner writes to a paced JVM between comparisons: exchange the two builds' roles
   * ({@link Swap}), or close the build in one role and load another in its place ({@link Load}),
   * which the JVM warms up alone and answers with a {@link Ready} line, or with a {@link Stale}
   * line and its end when the closed build left something behind. Any other line asks for a round.
   */
  public sealed interface Command permits RoundRequest, Swap, Load {

    /** The line that asks for this. */
    String line();

    /** A line the tuner wrote. */
    static Command parse(String line) {
      if (line.equals(SWAP)) {
        return new Swap();
      }
      if (line.startsWith(LOAD + "\t")) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 4 || !(fields[1].equals("a") || fields[1].equals("b"))) {
          throw new IllegalArgumentException(
              "a load line is load<TAB>a|b<TAB>CLASSPATH<TAB>SPEC, not: " + line);
        }
        return new Load(fields[1], fields[2], fields[3]);
      }
      return new RoundRequest();
    }
  }

  /** One measured round, please. */
  public record RoundRequest() implements Command {
    @Override
    public String line() {
      return ROUND_REQUEST;
    }
  }

  /** The builds exchange roles: what was A is B. */
  public record Swap() implements Command {
    @Override
    public String line() {
      return SWAP;
    }
  }

  /**
   * Close the build in {@code role} ({@code a} or {@code b}) and load this one in its place.
   *
   * @param classpath entries joined by the platform's path separator, as {@code -cp}
   */
  public record Load(String role, String classpath, String spec) implements Command {
    @Override
    public String line() {
      return String.join("\t", LOAD, role, classpath, spec);
    }
  }

  private static final String SWAP = "swap";
  private static final String LOAD = "load";

  /** How every protocol line starts. */
  public static final String LINE_PREFIX = "{\"type\":";

  private static final String TYPE = "type";
  private static final String TYPE_ROUND = "round";
  private static final String TYPE_READY = "ready";
  private static final String TYPE_FAILED = "failed";
  private static final String TYPE_STALE = "stale";
  private static final String REASON = "reason";
  private static final String SIDE = "side";
  private static final String ERROR = "error";
  private static final String ROUND = "round";
  private static final String WARMUP = "warmup";
  private static final String SECONDS = "seconds";
  private static final String STEADY = "steady";
  private static final String CPU = "cpu";
  private static final String CASES = "cases";
  private static final String SIDE_A = "a";
  private static final String SIDE_B = "b";
  private static final String NANOS = "nanos";
  private static final String CPU_NANOS = "cpuNanos";
  private static final String ALLOC_BYTES_PER_OP = "allocBytesPerOp";
  private static final String CALLS_PER_OP = "callsPerOp";

  private static final ObjectMapper JSON = JsonMappers.mapper();

  private InterleaveProtocol() {}

  /**
   * The command line of a run, as the tuner starts it.
   *
   * @param a build A's class path, entries joined by the platform's path separator (as {@code -cp})
   * @param b build B's class path
   * @param warmupSeconds whole seconds: the tuner asks for no fractions, and {@code "30"} is what
   *     it has always sent; with {@code warmup} steady, the most warm-up may take
   * @param warmup {@code steady} or {@code fixed}
   * @param paced whether the JVM waits for a {@link #ROUND_REQUEST} before each measured round
   */
  public record Launch(
      String a,
      Path aSpec,
      String b,
      Path bSpec,
      List<String> cases,
      String transport,
      int warmupSeconds,
      String warmup,
      int rounds,
      int ops,
      boolean paced) {

    public Launch {
      cases = List.copyOf(cases);
    }

    /** The arguments after the main class. */
    public List<String> arguments() {
      List<String> args =
          new ArrayList<>(
              List.of(
                  A, a,
                  A_SPEC, aSpec.toString(),
                  B, b,
                  B_SPEC, bSpec.toString(),
                  TRANSPORT, transport,
                  WARMUP_SECONDS, Integer.toString(warmupSeconds),
                  WARMUP_RULE, warmup,
                  ROUNDS, Integer.toString(rounds),
                  OPS, Integer.toString(ops),
                  PACED, Boolean.toString(paced)));
      cases.forEach(c -> args.addAll(List.of(CASE, c)));
      return args;
    }
  }

  /**
   * One build's operations on one case within a round.
   *
   * @param nanos the time of each operation
   * @param cpuNanos the CPU time of each operation: its thread's, plus the collectors' time while
   *     it ran; empty when the JVM cannot measure thread CPU time (or an older harness wrote it)
   * @param callsPerOp calls per operation, by upstream
   */
  public record Samples(
      List<Long> nanos,
      List<Long> cpuNanos,
      double allocBytesPerOp,
      Map<String, Double> callsPerOp) {

    public Samples {
      nanos = List.copyOf(nanos);
      cpuNanos = List.copyOf(cpuNanos);
      callsPerOp = Collections.unmodifiableMap(new LinkedHashMap<>(callsPerOp));
    }

    /** Samples without CPU times. */
    public Samples(List<Long> nanos, double allocBytesPerOp, Map<String, Double> callsPerOp) {
      this(nanos, List.of(), allocBytesPerOp, callsPerOp);
    }
  }

  /** One case of a round: what each build measured. */
  public record CaseSamples(Samples a, Samples b) {}

  /**
   * One round line.
   *
   * @param round its index, from 1, warm-up rounds included
   * @param cases by case id, in the order run; empty in warm-up rounds, whose lines stay short so a
   *     full pipe never stalls a JVM the tuner is not reading yet
   * @param seconds since the JVM started measuring (after loading both builds)
   */
  public record Round(int round, boolean warmup, Map<String, CaseSamples> cases, double seconds)
      implements Message {

    public Round {
      cases = Collections.unmodifiableMap(new LinkedHashMap<>(cases));
    }
  }

  /**
   * A parsed protocol line: a {@link Round} or {@link Ready}. Plain records, so the harness's JSON
   * library (shaded in its jar) stays out of its API.
   */
  public sealed interface Message permits Ready, Round, Failed, Stale {}

  /**
   * Warm-up is over, {@code seconds} into measuring.
   *
   * @param steady the warm-up rule found the JVM warm (false: it ran to its cap)
   * @param cpu the rounds carry each operation's CPU time (false from a JVM that cannot read a
   *     thread's CPU time, and from harnesses older than the field)
   */
  public record Ready(double seconds, boolean steady, boolean cpu) implements Message {}

  /**
   * One build failed to load or run, and the JVM ends: which ({@code a} or {@code b}, in the JVM's
   * own roles) and its error's first lines.
   */
  public record Failed(String side, String error) implements Message {}

  /**
   * The build a {@link Load} closed left {@code reason} behind (a thread, a JVM-wide setting), so
   * the JVM ends rather than measure anything else: the tuner starts fresh ones.
   */
  public record Stale(String reason) implements Message {}

  /** The line a JVM prints when a closed build left something behind, before it exits. */
  public static String staleLine(String reason) {
    ObjectNode line = JSON.createObjectNode();
    line.put(TYPE, TYPE_STALE).put(REASON, reason);
    return print(line);
  }

  /** The line a JVM prints when build {@code side} failed, before it exits. */
  public static String failedLine(String side, String error) {
    ObjectNode line = JSON.createObjectNode();
    line.put(TYPE, TYPE_FAILED).put(SIDE, side).put(ERROR, error);
    return print(line);
  }

  /** The line a paced JVM prints when warm-up is over. */
  public static String readyLine(Ready ready) {
    ObjectNode line = JSON.createObjectNode();
    line.put(TYPE, TYPE_READY)
        .put(SECONDS, ready.seconds())
        .put(STEADY, ready.steady())
        .put(CPU, ready.cpu());
    return print(line);
  }

  /** The line of a round. */
  public static String roundLine(Round round) {
    ObjectNode line = JSON.createObjectNode();
    line.put(TYPE, TYPE_ROUND).put(ROUND, round.round()).put(WARMUP, round.warmup());
    ObjectNode cases = line.putObject(CASES);
    for (Map.Entry<String, CaseSamples> c : round.cases().entrySet()) {
      ObjectNode sides = cases.putObject(c.getKey());
      write(c.getValue().a(), sides.putObject(SIDE_A));
      write(c.getValue().b(), sides.putObject(SIDE_B));
    }
    line.put(SECONDS, round.seconds());
    return print(line);
  }

  private static String print(ObjectNode line) {
    try {
      return JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of numbers and strings always prints", e);
    }
  }

  private static void write(Samples samples, ObjectNode node) {
    ArrayNode nanos = node.putArray(NANOS);
    for (long v : samples.nanos()) {
      nanos.add(v);
    }
    if (!samples.cpuNanos().isEmpty()) {
      ArrayNode cpu = node.putArray(CPU_NANOS);
      samples.cpuNanos().forEach(cpu::add);
    }
    node.put(ALLOC_BYTES_PER_OP, samples.allocBytesPerOp());
    ObjectNode perOp = node.putObject(CALLS_PER_OP);
    samples.callsPerOp().forEach(perOp::put);
  }

  /** Whether a line the JVM printed belongs to the protocol rather than to the hot path. */
  public static boolean isProtocolLine(String line) {
    return line.startsWith(LINE_PREFIX);
  }

  /** Parses a protocol line: a ready line, or else a round. */
  public static Message parse(String line) throws IOException {
    JsonNode node = JSON.readTree(line);
    return switch (node.path(TYPE).asText()) {
      case TYPE_READY ->
          new Ready(
              node.path(SECONDS).asDouble(),
              node.path(STEADY).asBoolean(),
              node.path(CPU).asBoolean());
      case TYPE_FAILED -> new Failed(node.path(SIDE).asText(), node.path(ERROR).asText());
      case TYPE_STALE -> new Stale(node.path(REASON).asText());
      default -> round(node);
    };
  }

  /** A round line; a field it lacks reads as zero, false or empty. */
  private static Round round(JsonNode line) {
    Map<String, CaseSamples> cases = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> c : line.path(CASES).properties()) {
      JsonNode sides = c.getValue();
      cases.put(
          c.getKey(), new CaseSamples(samples(sides.path(SIDE_A)), samples(sides.path(SIDE_B))));
    }
    return new Round(
        line.path(ROUND).asInt(),
        line.path(WARMUP).asBoolean(),
        cases,
        line.path(SECONDS).asDouble());
  }

  private static Samples samples(JsonNode side) {
    List<Long> nanos = new ArrayList<>();
    side.path(NANOS).forEach(v -> nanos.add(v.asLong()));
    List<Long> cpu = new ArrayList<>();
    side.path(CPU_NANOS).forEach(v -> cpu.add(v.asLong()));
    Map<String, Double> calls = new TreeMap<>();
    side.path(CALLS_PER_OP)
        .properties()
        .forEach(e -> calls.put(e.getKey(), e.getValue().asDouble()));
    return new Samples(nanos, cpu, side.path(ALLOC_BYTES_PER_OP).asDouble(), calls);
  }
}

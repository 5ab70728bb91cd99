package dev.tuner.benchmarks;

import dev.tuner.harness.fixture.RecordedStub;
import dev.tuner.harness.replay.ExactRequest;
import dev.tuner.harness.replay.TransportKind;
import dev.tuner.harness.runner.ReplayedCase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What replay itself costs, per call and per case, for each transport side by side in one run:
 * {@code call} sends the case's recorded requests one by one (the cost of one replayed call);
 * {@code hotPath} runs the whole case (its p50 is what replay must stay small next to).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ReplayOverhead -p case=ai</pre>
 */
@State(Scope.Benchmark)
@Fork(
    value = 2,
    jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReplayOverheadBenchmark {

  @Param({"ai"})
  public String caseId;

  @Param({"in-process", "loopback"})
  public String transport;

  private ReplayedCase replayed;
  private List<HttpRequest> requests;
  private int next;

  @Setup(Level.Trial)
  public void open() throws Exception {
    replayed = ReplayedCase.open(caseId, TransportKind.parse(transport));
    requests = new ArrayList<>();
    var upstreams = replayed.session().upstreams();
    replayed
        .fixtures()
        .stubs()
        .forEach(
            (upstream, stubs) ->
                stubs.forEach(stub -> requests.add(requestFor(upstreams.baseUrl(upstream), stub))));
  }

  @TearDown(Level.Trial)
  public void close() {
    replayed.close();
  }

  /** One replayed call: the next recorded request; the recording starts over when all were sent. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public byte[] call() throws Exception {
    if (next == requests.size()) {
      next = 0;
      replayed.session().rewind();
    }
    HttpResponse<byte[]> response =
        replayed
            .session()
            .upstreams()
            .http()
            .send(requests.get(next++), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("replay answered " + response.statusCode());
    }
    return response.body();
  }

  /** The whole case under replay. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public String hotPath() throws Exception {
    return replayed.runOnce();
  }

  /** Rebuilds the request a stub was recorded from: method, URL with query, and the exact body. */
  static HttpRequest requestFor(URI base, RecordedStub stub) {
    ExactRequest exact =
        ExactRequest.of(stub.mapping().getRequest())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        stub.file() + " matches more than one request; cannot rebuild it"));
    return HttpRequest.newBuilder(URI.create(base + exact.pathAndQuery()))
        .method(
            exact.method(),
            exact.body().isEmpty()
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(exact.body()))
        .header("Content-Type", "application/json")
        .build();
  }
}

package dev.tuner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuner.bench.BenchRun;
import dev.tuner.bench.BenchSummary;
import dev.tuner.bench.Format;
import dev.tuner.bench.JmhOptions;
import dev.tuner.bench.JmhRunner;
import dev.tuner.harness.ExitCode;
import dev.tuner.io.Classpath;
import dev.tuner.io.Dirs;
import dev.tuner.io.Json;
import dev.tuner.spec.TunerSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    description = {
      "Benchmark each case's hot path under replay with JMH.",
      "Runs JMH (Mode.SampleTime, -prof gc) on the project's build in forked JVMs, one @Param"
          + " caseId per case, and prints per case p50, p95 and p99 (the median over forks of each"
          + " fork's own quantile), bytes allocated per operation, calls per operation to each"
          + " upstream, and the forks; the last row aggregates the cases (geometric means; calls"
          + " summed).",
      "Defaults come from the benchmark: section of tuner.yaml; the options override them."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:measured",
      "2:bad spec or option, unknown case",
      "3:the build failed, its output is missing, or the benchmark failed"
    })
final class BenchCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = Json.pretty();

  @Mixin Project project;

  @Mixin CaseSelection.WithHoldout cases;

  @Mixin JmhOverrides jmh;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description =
          "Write the summary as JSON to FILE, and JMH's own result file next to it (FILE with"
              + " .jmh.json).")
  Path json;

  @Spec CommandSpec commandSpec;

  @Override
  public Integer call() throws Exception {
    TunerSpec spec = project.spec();
    List<String> ids = cases.select(spec);
    JmhOptions options = jmh.over(JmhOptions.of(spec.benchmark()));
    Classpath classpath = project.build(spec, err());
    Path work = Files.createTempDirectory("tuner-bench");
    try {
      BenchRun run =
          JmhRunner.run(classpath, project.specFile.toAbsolutePath(), ids, options, work, err());
      BenchSummary summary = BenchSummary.of(run);
      print(summary);
      if (json != null) {
        write(summary, run);
      }
      return ExitCode.OK;
    } finally {
      Dirs.deleteTree(work);
    }
  }

  private void print(BenchSummary summary) {
    PrintWriter out = out();
    int width =
        Math.max(10, summary.cases().stream().mapToInt(r -> r.id().length()).max().orElse(0));
    String format = "%-" + width + "s  %10s %10s %10s  %10s  %-6s %s%n";
    out.printf(
        Locale.ROOT, format, "case", "p50 ms", "p95 ms", "p99 ms", "B/op", "forks", "calls/op");
    for (BenchSummary.Row r : summary.cases()) {
      row(format, r);
    }
    row(format, summary.all());
    out.flush();
  }

  private void row(String format, BenchSummary.Row r) {
    out()
        .printf(
            Locale.ROOT,
            format,
            r.id(),
            Format.millis(r.p50()),
            Format.millis(r.p95()),
            Format.millis(r.p99()),
            Format.bytes(r.allocBytesPerOp()),
            r.forks(),
            Format.calls(r.callsPerOp()));
  }

  private void write(BenchSummary summary, BenchRun run) throws Exception {
    Path file = json.toAbsolutePath();
    Path jmhFile =
        file.resolveSibling(file.getFileName().toString().replaceFirst("(\\.json)?$", ".jmh.json"));
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.copy(run.jmhJson(), jmhFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    ObjectNode root = JSON.createObjectNode();
    root.put("jmh", jmhFile.getFileName().toString());
    root.put("unit", "ns");
    var rows = root.putArray("cases");
    summary.cases().forEach(r -> rows.add(JSON.valueToTree(r)));
    root.set("all", JSON.valueToTree(summary.all()));
    JSON.writeValue(file.toFile(), root);
    err().println("wrote " + file + " and " + jmhFile);
  }

  private PrintWriter out() {
    return commandSpec.commandLine().getOut();
  }

  private PrintWriter err() {
    return commandSpec.commandLine().getErr();
  }
}

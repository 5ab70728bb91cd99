package dev.tuner.cli;

import dev.tuner.harness.ExitCode;
import dev.tuner.harness.fixture.Layout;
import dev.tuner.harness.record.ProxyCapture;
import dev.tuner.io.Classpath;
import dev.tuner.io.Dirs;
import dev.tuner.knobs.CallVariants;
import dev.tuner.spec.TunerSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "record",
    description = {
      "Record cases from the live upstreams into fixtures and goldens.",
      "For each case: a WireMock recorder in front of every live upstream, the hot path run through"
          + " them, then fixtures/<case>/<upstream>/mappings (WireMock's format),"
          + " fixtures/<case>/manifest.json and the approved output goldens/<case>.json."
          + " Credentials and volatile headers never reach disk.",
      "Knobs declared with calls: (a batch size) are recorded with each of their other values too,"
          + " so that a phase relaxing those upstreams' contracts can replay them; their output"
          + " must be the same.",
      "With --proxy, starts recording proxies for traffic you drive and saves it under"
          + " fixtures/_captured/ on Ctrl-C."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:recorded",
      "2:bad spec or option",
      "3:an upstream is unreachable, the hot path failed, or the build failed"
    })
final class RecordCommand implements Callable<Integer> {

  @Mixin Project project;

  @Mixin CaseSelection cases;

  @Option(
      names = "--proxy",
      description = "Capture live traffic you drive through recording proxies.")
  boolean proxy;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "0",
      converter = Bounds.Port.class,
      description =
          "With --proxy: the first proxy's port, the next upstreams get the following ones"
              + " (default: free ports).")
  int port;

  @Spec CommandSpec commandSpec;

  @Override
  public Integer call() throws Exception {
    var spec = project.spec();
    List<String> args = cases.harnessArgs(spec);
    if (proxy) {
      return capture(spec);
    }
    List<CallVariants.Variant> variants =
        spec.knobs() == null ? List.of() : CallVariants.of(spec.knobs(), project.root());
    Classpath build = project.build(spec, err());
    return variants.isEmpty()
        ? project.harness(build, "record", args, out(), err())
        : recordWithVariants(spec, build, args, variants);
  }

  /**
   * Records each variant into a staging directory of its own, from the build with its values, then
   * the committed values, merging the variants in; a failure stops before any fixture changes.
   */
  private int recordWithVariants(
      TunerSpec spec, Classpath build, List<String> args, List<CallVariants.Variant> variants)
      throws Exception {
    PrintWriter out = out();
    Path stage =
        Files.createTempDirectory(
            Files.createDirectories(project.root().resolve(".tuner")), "record-");
    try {
      List<String> merge = new ArrayList<>(args);
      for (int i = 0; i < variants.size(); i++) {
        CallVariants.Variant v = variants.get(i);
        Path dir = Files.createDirectories(stage.resolve("v" + (i + 1)));
        Files.writeString(dir.resolve("label.txt"), v.label() + "\n");
        Classpath variant =
            CallVariants.variant(
                build,
                stage.resolve("v" + (i + 1) + "-resources"),
                project.root().resolve(spec.knobs().file()),
                spec.knobs().file(),
                v.values());
        out.println("recording with " + v.label() + " (a knob with calls:)");
        out.flush();
        StringWriter staged = new StringWriter();
        List<String> into = new ArrayList<>(args);
        into.addAll(List.of("--out", dir.toString()));
        int code = project.harness(variant, "record", into, new PrintWriter(staged), err());
        if (code != ExitCode.OK) {
          out.print(staged);
          throw Main.failure(code, "recording with " + v.label() + " failed; nothing was changed");
        }
        merge.addAll(List.of("--variant", dir.toString()));
      }
      return project.harness(build, "record", merge, out, err());
    } finally {
      Dirs.deleteTree(stage);
    }
  }

  /**
   * Runs the proxies in this JVM (no user code runs here) until Ctrl-C, then saves what they saw.
   */
  private int capture(TunerSpec spec) throws Exception {
    PrintWriter out = out();
    Layout layout = new Layout(project.root());
    ProxyCapture capture = ProxyCapture.start(layout, spec.harness(), port);
    out.println(
        "recording proxies (point your client's base URLs here; Ctrl-C saves to "
            + layout.root().relativize(layout.captured())
            + "/):");
    capture.printUrls(out);
    CountDownLatch saved = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> save(capture, layout, saved), "save-captured"));
    saved.await();
    return ExitCode.OK;
  }

  /** On Ctrl-C: saves what the proxies saw, and lets {@link #capture} return. */
  private void save(ProxyCapture capture, Layout layout, CountDownLatch saved) {
    PrintWriter out = out();
    try {
      var counts = capture.save();
      out.println();
      counts.forEach(
          (upstream, n) ->
              out.println(
                  "saved "
                      + n
                      + " stub(s) to "
                      + layout.root().relativize(layout.captured().resolve(upstream))));
      if (counts.isEmpty()) {
        out.println("nothing passed through the proxies; nothing saved");
      }
    } catch (Exception e) {
      err().println("tuner record --proxy: could not save: " + e.getMessage());
    } finally {
      capture.close();
      out.flush();
      saved.countDown();
    }
  }

  private PrintWriter out() {
    return commandSpec.commandLine().getOut();
  }

  private PrintWriter err() {
    return commandSpec.commandLine().getErr();
  }
}

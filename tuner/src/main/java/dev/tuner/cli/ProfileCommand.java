package dev.tuner.cli;

import dev.tuner.bench.JmhBenchStage;
import dev.tuner.build.Revisions;
import dev.tuner.harness.ExitCode;
import dev.tuner.io.Classpath;
import dev.tuner.io.Dirs;
import dev.tuner.profile.Profile;
import dev.tuner.profile.ProfileStore;
import dev.tuner.spec.TunerSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "profile",
    description = {
      "Show where the hot path spends its time: a JDK Flight Recorder profile of the cases under"
          + " replay (a short JMH run in forked JVMs: CPU samples with full stacks, allocation"
          + " samples, GC pauses), no agent needed.",
      "Prints the hottest frames of the project's code (own time, total time, self time), the"
          + " library and JDK frames with the most self time, the allocation sites and the GC"
          + " pauses; writes the CPU and allocation flame graphs (SVG) and their collapsed stacks"
          + " (a;b;c 123, the format every flame-graph tool reads) to .tuner/profiles/<commit>/,"
          + " with the recordings (jfr/<case>.jfr, for JDK Mission Control).",
      "Without REV it profiles the working tree (kept under .tuner/profiles/worktree/); with REV"
          + " it builds that commit in a clone under .tuner/revisions/, as compare does."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:profiled",
      "2:bad spec or option, unknown case or revision",
      "3:the build failed, or the profiling JVM failed"
    })
final class ProfileCommand implements Callable<Integer> {

  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  @Mixin Project project;

  @Mixin CaseSelection.WithHoldout cases;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "REV",
      description = "A commit, branch, tag or HEAD~n (default: the working tree).")
  String rev;

  @Spec CommandSpec commandSpec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = commandSpec.commandLine().getOut();
    PrintWriter err = commandSpec.commandLine().getErr();
    TunerSpec spec = project.spec();
    List<String> ids = cases.select(spec);
    Path specFile = project.specFile.toAbsolutePath();
    String key;
    Classpath classpath;
    Path root;
    if (rev == null) {
      classpath = project.build(spec, err);
      key = "worktree";
      root = project.root();
    } else {
      Revisions.Checkout checkout = Revisions.build(specFile, rev, spec.build(), err);
      classpath = checkout.classpath();
      key = checkout.commit();
      root = checkout.root();
      specFile = checkout.specFile();
    }
    err.println("profiling " + (rev == null ? "the working tree" : rev) + " on " + ids);
    err.flush();
    Path recordings = Files.createTempDirectory("tuner-jfr");
    try {
      long start = System.nanoTime();
      Profile profile =
          new JmhBenchStage(spec, specFile, err).profile(root, classpath, ids, recordings, TIMEOUT);
      double seconds = (System.nanoTime() - start) / 1e9;
      ProfileStore.Stored stored =
          new ProfileStore(project.root().resolve(".tuner/profiles"))
              .save(key, ids, seconds, profile, recordings);
      out.print(stored.table().text());
      out.println();
      out.printf(Locale.ROOT, "profiled in %.0f s; wrote%n", seconds);
      for (String f : List.of("cpu.svg", "alloc.svg", "cpu.collapsed", "alloc.collapsed")) {
        out.println("  " + stored.dir().resolve(f));
      }
      out.println("  " + stored.dir().resolve("jfr") + "/<case>.jfr");
      out.flush();
      return ExitCode.OK;
    } finally {
      Dirs.deleteTree(recordings);
    }
  }
}

package dev.tuner.loop;

import dev.tuner.build.BuildStage;
import dev.tuner.commit.Repo;
import dev.tuner.harness.spec.Split;
import dev.tuner.log.ExperimentLog;
import dev.tuner.log.LogRecord;
import dev.tuner.propose.Proposal;
import dev.tuner.propose.ProposalRequest;
import dev.tuner.propose.Proposer;
import dev.tuner.record.Recorder;
import dev.tuner.scope.FrozenFiles;
import dev.tuner.scope.ScopeCheck;
import dev.tuner.spec.Scope;
import dev.tuner.spec.TunerSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.jgit.api.Git;

/**
 * A run's pieces on a small git repository, without JMH or a harness fork: the spec's build command
 * fails at once ({@code exit 3}), so a try that gets past the scope check ends as {@code
 * build_failed}; tests that need other outcomes make their {@code Trial}s themselves.
 */
final class LoopRepo implements AutoCloseable {

  static final String SPEC =
      String.join(
          "\n",
          "name: x",
          "target: {hotPath: a.B}",
          "build: {command: 'exit 3', artifact: a.jar}",
          "upstreams: {u: {url: 'http://127.0.0.1:9'}}",
          "scope: {include: ['src/**']}",
          "cases: [{id: t1, input: {}}, {id: h1, input: {}, split: holdout},"
              + " {id: h2, input: {}, split: holdout}]",
          "");

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

  final Path root;
  final TunerSpec spec;
  final Repo repo;
  final StringWriter out = new StringWriter();
  final Console console = new Console(new PrintWriter(out, true));
  final BuildStage build;
  final ExperimentLog log;
  final Recorder recorder;
  final RunState state;

  LoopRepo(Path root) throws Exception {
    this.root = root;
    Files.writeString(root.resolve("tuner.yaml"), SPEC);
    Files.createDirectories(root.resolve("src"));
    Files.writeString(root.resolve("src/A.java"), "class A { int v = 1; }\n");
    Files.writeString(root.resolve("README.md"), "readme\n");
    String base;
    try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      base = git.commit().setMessage("start").setSign(false).call().name();
    }
    spec = TunerSpec.load(root.resolve("tuner.yaml"));
    repo = Repo.open(root);
    repo.excludeStateDir();
    repo.createAndCheckout("tuner/t", base);
    Path stateDir = root.resolve(".tuner");
    Files.createDirectories(stateDir);
    build = new BuildStage(root, stateDir, spec.build());
    log = new ExperimentLog(stateDir.resolve("experiments.jsonl"));
    recorder = new Recorder(repo, log, stateDir.resolve("results.tsv"), build, "t", "p95", CLOCK);
    state = new RunState(spec);
    state.segment = 1;
    state.branch = "tuner/t";
    state.userBranch = "main";
    state.base = base;
    state.best = base;
    state.started = CLOCK.instant();
  }

  Experiment experiment() throws Exception {
    Scope scope = new Scope(spec.scope());
    return new Experiment(
        root,
        repo,
        new ScopeCheck(scope, FrozenFiles.snapshot(root, scope)),
        build,
        null,
        null,
        null,
        console,
        CLOCK);
  }

  Experiment.Against against() {
    return new Experiment.Against(
        state.best,
        state.phaseName(),
        state.contracts(),
        state.cases(Split.TUNE),
        Deadlines.forBaseline(60),
        false,
        () -> false);
  }

  Optimizer optimizer(Proposer proposer) {
    return new Optimizer(
        root,
        spec,
        LoopOptions.from(spec.optimize(), "t", false),
        proposer,
        null,
        new PrintWriter(out, true),
        CLOCK);
  }

  /** A proposer that is never asked: the tests hand the loop its proposals. */
  static Proposer silent() {
    return new Proposer() {
      @Override
      public String kind() {
        return "test";
      }

      @Override
      public Proposal propose(ProposalRequest request) {
        throw new AssertionError("not asked in this test");
      }
    };
  }

  List<LogRecord.Experiment> experiments() throws Exception {
    return log.read(new PrintWriter(new StringWriter())).stream()
        .filter(r -> r instanceof LogRecord.Experiment)
        .map(r -> (LogRecord.Experiment) r)
        .toList();
  }

  String printed() {
    return out.toString();
  }

  @Override
  public void close() {
    repo.close();
  }
}

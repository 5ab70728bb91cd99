package dev.tuner.cli;

import dev.tuner.bench.BenchStage;
import dev.tuner.bench.JmhBenchStage;
import dev.tuner.error.UsageException;
import dev.tuner.harness.ExitCode;
import dev.tuner.loop.LoopOptions;
import dev.tuner.loop.Optimizer;
import dev.tuner.propose.CommandProposer;
import dev.tuner.propose.KnobProposer;
import dev.tuner.propose.PatchQueueProposer;
import dev.tuner.propose.Proposer;
import dev.tuner.propose.llm.LlmProposer;
import dev.tuner.propose.llm.LlmSettings;
import dev.tuner.spec.Scope;
import dev.tuner.spec.TunerSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "optimize",
    description = {
      "Run the optimisation loop: propose, check, build, verify, benchmark, keep or reset.",
      "Works on branch tuner/<tag> (your branch is never moved); logs every try to"
          + " .tuner/experiments.jsonl and .tuner/results.tsv; checks the best on the hold-out"
          + " cases when it stops.",
      "Settings come from the optimize section of tuner.yaml; these options override them for one"
          + " run."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the loop ran and stopped by a budget or stop rule",
      "1:the baseline fails parity (the code does not match its recording), or the best fails"
          + " parity on the hold-out cases",
      "2:bad spec or option (an unset API key variable, a cost cap on a model without a price);"
          + " dirty working tree, detached HEAD, or another run holds the lock",
      "3:the baseline does not build, or three crashes, build or proposer failures in a row aborted"
          + " the run"
    })
final class OptimizeCommand implements Callable<Integer> {

  @Mixin Project project;

  @Option(
      names = "--proposer",
      paramLabel = "KIND",
      description =
          "patches, command, llm or knobs (default:"
              + " optimize.proposer.kind, else knobs when tuner.yaml declares knobs).")
  String proposerKind;

  @Option(
      names = "--patches",
      paramLabel = "DIR",
      description = "The patch queue: unified diffs in name order, or refs.txt.")
  Path patches;

  @Option(
      names = "--command",
      paramLabel = "CMD",
      description = "The proposer command (an agent's CLI, a script).")
  String command;

  @Option(
      names = "--provider",
      paramLabel = "NAME",
      description =
          "llm: openai, anthropic, ollama or openai-compatible (default:"
              + " optimize.proposer.llm.provider).")
  String provider;

  @Option(
      names = "--model",
      paramLabel = "NAME",
      description = "llm: the model name (default: optimize.proposer.llm.model).")
  String model;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description =
          "llm: the endpoint, e.g. http://localhost:8000/v1 for an OpenAI-compatible server.")
  String baseUrl;

  @Option(
      names = "--api-key-env",
      paramLabel = "VAR",
      description =
          "llm: the environment variable holding the API key (default: OPENAI_API_KEY or"
              + " ANTHROPIC_API_KEY).")
  String apiKeyEnv;

  @Option(
      names = "--tag",
      paramLabel = "TAG",
      description = "Names the branch tuner/<TAG> (default: the date and time).")
  String tag;

  @Option(
      names = "--resume",
      description = "Continue the last run from its log, after Ctrl-C or a kill.")
  boolean resume;

  @Option(
      names = "--max-experiments",
      paramLabel = "N",
      converter = Bounds.NonNegative.class,
      description = "Stop after N tries.")
  Integer maxExperiments;

  @Option(
      names = "--max-minutes",
      paramLabel = "M",
      converter = Bounds.Positive.class,
      description = "Stop after M minutes of wall time.")
  Integer maxMinutes;

  @Option(
      names = "--max-cost",
      paramLabel = "USD",
      converter = Bounds.NonNegativeDecimal.class,
      description = "Stop once proposals cost this much.")
  Double maxCost;

  @Option(
      names = "--plateau",
      paramLabel = "N",
      converter = Bounds.Positive.class,
      description =
          "Stop after N benchmarked tries in a row not kept (default 8; a patch queue runs to"
              + " its end unless given).")
  Integer plateau;

  @Option(
      names = "--explore-every",
      paramLabel = "N",
      converter = Bounds.NonNegative.class,
      description = "Keep every Nth try if parity holds (0 = off).")
  Integer exploreEvery;

  @Spec CommandSpec commandSpec;

  @ParentCommand Main main;

  @Override
  public Integer call() throws Exception {
    TunerSpec spec = project.spec();
    LoopOptions options =
        LoopOptions.from(
            spec.optimize(),
            tag != null
                ? tag
                : LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")),
            resume);
    if (maxExperiments != null) {
      options = options.withMaxExperiments(maxExperiments);
    }
    if (maxMinutes != null) {
      options = options.withMaxWall(Duration.ofMinutes(maxMinutes));
    }
    if (maxCost != null) {
      options = options.withMaxCostUsd(maxCost);
    }
    if (plateau != null) {
      options = options.withPlateau(plateau);
    }
    if (exploreEvery != null) {
      options = options.withExploreEvery(exploreEvery);
    }
    Proposer proposer = proposer(spec);
    Path benchLog = project.root().resolve(".tuner/logs/bench.log");
    Files.createDirectories(benchLog.getParent());
    try (PrintWriter benchOutput =
            new PrintWriter(
                Files.newBufferedWriter(
                    benchLog,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND),
                true);
        BenchStage bench = new JmhBenchStage(spec, project.specFile, benchOutput)) {
      Optimizer.Outcome outcome =
          new Optimizer(
                  project.root(),
                  spec,
                  options,
                  proposer,
                  bench,
                  commandSpec.commandLine().getOut(),
                  Clock.systemUTC())
              .run();
      return outcome.aborted() ? ExitCode.ENVIRONMENT : ExitCode.OK;
    }
  }

  private Proposer proposer(TunerSpec spec) throws Exception {
    var configured = spec.optimize().proposer();
    String kind =
        proposerKind != null
            ? proposerKind
            : configured.kind() != null ? configured.kind() : spec.knobs() != null ? "knobs" : null;
    if (kind == null) {
      throw new UsageException(
          "no proposer: pass --proposer patches|command|llm|knobs or set optimize.proposer.kind");
    }
    Path root = project.root();
    return switch (kind) {
      case "patches" -> {
        Path dir =
            patches != null
                ? patches
                : configured.patches() == null ? null : root.resolve(configured.patches());
        if (dir == null) {
          throw new UsageException(
              "--proposer patches needs --patches DIR (or optimize.proposer.patches)");
        }
        try {
          yield PatchQueueProposer.load(dir.toAbsolutePath(), root);
        } catch (IOException e) {
          throw new UsageException("--patches: " + e.getMessage(), e);
        }
      }
      case "command" -> {
        String cmd = command != null ? command : configured.command();
        if (cmd == null) {
          throw new UsageException(
              "--proposer command needs --command CMD (or optimize.proposer.command)");
        }
        yield new CommandProposer(cmd, root.resolve(".tuner"));
      }
      case "llm" -> {
        LlmSettings settings =
            LlmSettings.resolve(
                configured.llm(),
                new LlmSettings.Overrides(provider, model, baseUrl, apiKeyEnv),
                main.env());
        commandSpec.commandLine().getOut().println(settings.describe());
        yield new LlmProposer(settings, new Scope(spec.scope()));
      }
      case "knobs" -> {
        if (spec.knobs() == null) {
          throw new UsageException(
              "--proposer knobs needs a knobs: section in "
                  + project.specFile
                  + " (see README, \"Knob search\")");
        }
        yield new KnobProposer(
            spec.knobs(), spec.metric().primaryName(), spec.benchmark().jvmOptionsFile());
      }
      default ->
          throw new UsageException(
              "--proposer: '" + kind + "' is not one of [patches, command, llm, knobs]");
    };
  }
}

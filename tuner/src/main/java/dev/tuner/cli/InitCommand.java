package dev.tuner.cli;

import dev.tuner.harness.HarnessVersion;
import dev.tuner.init.HotPathName;
import dev.tuner.init.Init;
import dev.tuner.init.InitPlan;
import dev.tuner.init.InitRequest;
import dev.tuner.init.UpstreamArg;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(
    name = "init",
    description = {
      "Set up a Maven or Gradle project for tuner: a commented tuner.yaml, an adapter skeleton"
          + " implementing dev.tuner.harness.HotPath under src/test/java, the harness as a test"
          + " dependency (Maven: added to pom.xml; Gradle: printed for you to add), and .tuner/ and"
          + " goldens/*.received.json in .gitignore.",
      "Refuses to overwrite tuner.yaml or the adapter, and then writes nothing at all."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the files were written",
      "2:no Maven or Gradle build, a file in the way, no case file matching --cases, a bad option"
    })
final class InitCommand implements Callable<Integer> {

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "The project's root directory (default: the current directory).")
  Path dir;

  @Option(
      names = "--hot-path",
      paramLabel = "FQCN",
      required = true,
      converter = HotPathConverter.class,
      description =
          "The adapter class to generate, like com.example.SearchHotPath; it goes under"
              + " src/test/java.")
  HotPathName hotPath;

  @Option(
      names = "--upstream",
      paramLabel = "NAME=URL",
      converter = UpstreamConverter.class,
      description =
          "A live service the hot path calls, by its base URL (repeatable); its call contract is"
              + " exact.")
  List<UpstreamArg> upstreams = List.of();

  @Option(
      names = "--cases",
      paramLabel = "GLOB",
      description =
          "One case per file matching GLOB (relative to DIR, like 'cases/*.json'), sorted; the id is"
              + " the file's name without extension, and files named holdout* are held out.")
  String cases;

  @Option(
      names = "--scope",
      paramLabel = "GLOB",
      description =
          "Files a proposal may change (repeatable; default: src/main/java/** of the module).")
  List<String> scope = List.of();

  @Option(
      names = "--module",
      paramLabel = "DIR",
      description =
          "The Maven module or Gradle subproject holding the hot path, relative to the root"
              + " (needed under a parent POM).")
  String module;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The target's name (default: the project's artifactId or rootProject.name).")
  String name;

  @Option(
      names = "--objective",
      paramLabel = "TEXT",
      description = "What to tune for, in words (default: faster without changing the output).")
  String objective;

  @Spec CommandSpec commandSpec;

  @Override
  public Integer call() throws Exception {
    InitPlan plan =
        Init.plan(
            new InitRequest(
                dir,
                hotPath,
                upstreams,
                cases,
                scope,
                name,
                objective,
                module,
                HarnessVersion.harness(),
                Path.of("")));
    plan.write();
    commandSpec.commandLine().getOut().print(plan.report());
    return 0;
  }

  /** {@code --hot-path}: refused while the command line is read, naming the option. */
  static final class HotPathConverter implements ITypeConverter<HotPathName> {
    @Override
    public HotPathName convert(String value) {
      try {
        return HotPathName.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code --upstream NAME=URL}: refused while the command line is read, naming the option. */
  static final class UpstreamConverter implements ITypeConverter<UpstreamArg> {
    @Override
    public UpstreamArg convert(String value) {
      try {
        return UpstreamArg.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}

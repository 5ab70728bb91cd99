package dev.tuner;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The directions the code may depend in, read from the bytecode (so a fully qualified name inside a
 * method cannot hide an arrow): cli → mcp → loop → stages (init among them) → spec → {decide,
 * measure, profile} → {log, io, error}; the harness, the library users' builds depend on, knows
 * nothing of the tuner; only the CLI knows picocli.
 */
class ArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.tuner");

  static final ArchRule layers =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("cli")
          .definedBy("dev.tuner.cli..")
          .layer("mcp")
          .definedBy("dev.tuner.mcp..")
          .layer("loop")
          .definedBy("dev.tuner.loop..")
          .layer("review")
          .definedBy("dev.tuner.review..", "dev.tuner.demo..")
          .layer("stages")
          .definedBy(
              "dev.tuner.propose..",
              "dev.tuner.scope..",
              "dev.tuner.commit..",
              "dev.tuner.build..",
              "dev.tuner.parity..",
              "dev.tuner.bench..",
              "dev.tuner.record..",
              "dev.tuner.knobs..",
              "dev.tuner.init..")
          .layer("spec")
          .definedBy("dev.tuner.spec..")
          .layer("statistics")
          .definedBy("dev.tuner.decide..", "dev.tuner.measure..", "dev.tuner.profile..")
          .layer("base")
          .definedBy("dev.tuner.log..", "dev.tuner.io..", "dev.tuner.error..")
          .whereLayer("cli")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("mcp")
          .mayOnlyBeAccessedByLayers("cli")
          .whereLayer("loop")
          .mayOnlyBeAccessedByLayers("cli", "mcp")
          .whereLayer("review")
          .mayOnlyBeAccessedByLayers("cli", "mcp")
          .whereLayer("stages")
          .mayOnlyBeAccessedByLayers("cli", "mcp", "loop", "review")
          .whereLayer("spec")
          .mayOnlyBeAccessedByLayers("cli", "mcp", "loop", "review", "stages")
          .whereLayer("statistics")
          .mayOnlyBeAccessedByLayers("cli", "mcp", "loop", "review", "stages", "spec")
          .whereLayer("base")
          .mayOnlyBeAccessedByLayers(
              "cli", "mcp", "loop", "review", "stages", "spec", "statistics");

  static final ArchRule noCycles = slices().matching("dev.tuner.(*)..").should().beFreeOfCycles();

  static final ArchRule stagesKeepOneDirection =
      slices()
          .matching("dev.tuner.(propose|scope|commit|build|parity|bench|record|knobs|init)..")
          .should()
          .beFreeOfCycles();

  static final ArchRule theHarnessKnowsNothingOfTheTuner =
      noClasses()
          .that()
          .resideInAPackage("dev.tuner.harness..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.tuner..").and(resideOutsideOfPackage("dev.tuner.harness..")));

  static final ArchRule onlyTheCliKnowsPicocli =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.tuner.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("picocli..");

  static final ArchRule onlyMcpKnowsTheMcpSdk =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.tuner.mcp..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.modelcontextprotocol..");

  @Test
  void onlyMcpKnowsTheMcpSdk() {
    onlyMcpKnowsTheMcpSdk.check(MAIN);
  }

  @Test
  void layers() {
    layers.check(MAIN);
  }

  @Test
  void noCycles() {
    noCycles.check(MAIN);
  }

  @Test
  void stagesKeepOneDirection() {
    stagesKeepOneDirection.check(MAIN);
  }

  @Test
  void theHarnessKnowsNothingOfTheTuner() {
    theHarnessKnowsNothingOfTheTuner.check(MAIN);
  }

  @Test
  void onlyTheCliKnowsPicocli() {
    onlyTheCliKnowsPicocli.check(MAIN);
  }
}

package dev.dispatchcheck;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: features → steps → drivers → dispatch model. The drivers
 * know nothing of Cucumber, the model nothing of what runs things, and the steps nothing of
 * the command line (they get their settings injected, never by asking it).
 */
class LayeringTest {
  private static final ArchRule NO_PACKAGE_CYCLE = slices().matching("dev.dispatchcheck.(**)").should().beFreeOfCycles();
  private static JavaClasses classes;

  @BeforeAll
  static void importMain() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.dispatchcheck");
  }

  @Test
  void driversImportNothingFromCucumber() {
    noClasses().that().resideInAPackage("dev.dispatchcheck.driver..")
        .should().dependOnClassesThat().resideInAnyPackage("io.cucumber..").check(classes);
  }

  @Test
  void theDispatchModelImportsNoDriverStepsCommandLineNorDocker() {
    noClasses().that().resideInAPackage("dev.dispatchcheck.dispatch..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.dispatchcheck.driver..", "dev.dispatchcheck.steps..",
            "dev.dispatchcheck.cli..", "dev.dispatchcheck.run..", "org.testcontainers..", "com.github.dockerjava..",
            "io.cucumber..")
        .check(classes);
  }

  @Test
  void stepsImportNothingFromTheCommandLine() {
    noClasses().that().resideInAPackage("dev.dispatchcheck.steps..")
        .should().dependOnClassesThat().resideInAPackage("dev.dispatchcheck.cli..").check(classes);
  }

  @Test
  void driversImportNoStepsNorCommandLine() {
    noClasses().that().resideInAPackage("dev.dispatchcheck.driver..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.dispatchcheck.steps..", "dev.dispatchcheck.cli..")
        .check(classes);
  }

  /**
   * No package is named like build output: ignore lines, linters, coverage tools and Docker
   * build contexts skip directories called build, target, out or dist.
   */
  @Test
  void noPackageIsNamedLikeBuildOutput() {
    noClasses().should().resideInAnyPackage("..build..", "..target..", "..out..", "..dist..").check(classes);
  }

  /** Run state travels in typed objects handed over, never through JVM-wide properties. */
  @Test
  void onlyTheOneEntryPointReadsSystemProperties() {
    noClasses().that().doNotHaveFullyQualifiedName("dev.dispatchcheck.run.SystemProperties")
        .should().callMethod(System.class, "getProperty", String.class)
        .orShould().callMethod(System.class, "getProperty", String.class, String.class)
        .orShould().callMethod(System.class, "setProperty", String.class, String.class)
        .orShould().callMethod(System.class, "clearProperty", String.class)
        .orShould().callMethod(Long.class, "getLong", String.class, long.class)
        .orShould().callMethod(Integer.class, "getInteger", String.class, int.class)
        .orShould().callMethod(Boolean.class, "getBoolean", String.class)
        .check(classes);
  }

  @Test
  void runSettingsImportNothingThatRunsThings() {
    noClasses().that().resideInAPackage("dev.dispatchcheck.run..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.dispatchcheck.driver..", "dev.dispatchcheck.steps..",
            "dev.dispatchcheck.cli..", "io.cucumber..", "org.testcontainers..")
        .check(classes);
  }

  /** The environment is read in one place, once, when a command starts (run.Settings): a bad value is exit 2 there. */
  @Test
  void onlySettingsReadsTheEnvironment() {
    noClasses().that().doNotHaveFullyQualifiedName("dev.dispatchcheck.run.Settings")
        .should().callMethod(System.class, "getenv").orShould().callMethod(System.class, "getenv", String.class)
        .check(classes);
  }

  /**
   * The top floor: commands (cli) over the use cases (check, suite, bench) over the
   * report writers (report); nothing below imports what is above it.
   */
  @Test
  void onlyTheCommandLineImportsTheCommandLine() {
    noClasses().that().resideOutsideOfPackage("dev.dispatchcheck.cli..")
        .should().dependOnClassesThat().resideInAPackage("dev.dispatchcheck.cli..").check(classes);
  }

  @Test
  void useCasesImportNoOtherUseCaseAbove() {
    noClasses().that().resideInAnyPackage("dev.dispatchcheck.suite..", "dev.dispatchcheck.report..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.dispatchcheck.check..", "dev.dispatchcheck.bench..")
        .check(classes);
    noClasses().that().resideInAPackage("dev.dispatchcheck.report..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.dispatchcheck.suite..", "dev.dispatchcheck.steps..",
            "dev.dispatchcheck.driver..", "org.testcontainers..")
        .check(classes);
  }

  /** Below the top floor, nothing knows the use cases or their reports. */
  @Test
  void theLowerFloorsImportNoUseCaseNorReport() {
    noClasses().that().resideInAnyPackage("dev.dispatchcheck.driver..", "dev.dispatchcheck.steps..",
            "dev.dispatchcheck.run..", "dev.dispatchcheck.dispatch..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.dispatchcheck.check..", "dev.dispatchcheck.suite..",
            "dev.dispatchcheck.bench..", "dev.dispatchcheck.report..")
        .check(classes);
  }

  /** A package that needs another never is needed by it, through any chain: each can be read, and moved, alone. */
  @Test
  void packagesFormNoCycle() {
    NO_PACKAGE_CYCLE.check(classes);
  }

  /** The rule above sees a cycle when there is one: two test packages that need each other. */
  @Test
  void theCycleRuleFailsOnACycle() {
    JavaClasses cycle = new ClassFileImporter().importPackages("dev.dispatchcheck.cyclefixture");
    assertThatThrownBy(() -> NO_PACKAGE_CYCLE.check(cycle)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected: Slice cyclefixture.ping");
  }
}

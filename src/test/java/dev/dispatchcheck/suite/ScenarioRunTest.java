package dev.dispatchcheck.suite;

import dev.dispatchcheck.report.ScenarioResult;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.run.NixVersion;
import dev.dispatchcheck.run.PairHandOff;
import dev.dispatchcheck.run.Progress;
import dev.dispatchcheck.run.RunContext;
import dev.dispatchcheck.run.RunSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pair's settings reach a scenario's steps through the hand-off, without Docker: a
 * farm expectation run outside {@code check} has no farm in its settings, and its first
 * step says so.
 */
class ScenarioRunTest {
  @TempDir Path tmp;

  @Test
  void theHandedOverSettingsReachTheScenarioAndAreTakenBackAfter() throws IOException {
    Path feature = Files.writeString(tmp.resolve("expectations.feature"), """
        Feature: where the agent's builds go
          Scenario: the farm under check, outside check
            Given the farm under check
            Then every build of the agent for aarch64-linux went to b.example.com
        """);
    NixVersion nix = NixVersion.of("2.26", Path.of("").toAbsolutePath());
    RunContext run = new RunContext("run-test", System.currentTimeMillis(), Path.of("").toAbsolutePath(), tmp,
        true, 1, Duration.ofSeconds(5), "dispatchcheck/debian");
    RunSettings pair = new RunSettings(run, nix, nix, tmp.resolve("pair"), Optional.empty());
    var selection = new ScenarioSelection(List.of(feature), true, Optional.empty(), Optional.empty(), Optional.empty());

    List<ScenarioResult> results = new ScenarioRun(selection, pair).run(new Progress(0), "2.26/2.26");

    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(ScenarioResult.ERROR);
      assertThat(r.message()).contains("no farm under check");
    });
    assertThat(tmp.resolve("pair/cucumber.html")).exists();
    assertThat(PairHandOff.current()).isEmpty();
  }

  /** A file's name may hold ':' (and '#', '%', spaces, non-ASCII): each scenario still gives its one result. */
  @Test
  void everyScenarioGivesOneResultWhateverItsFileIsNamed() throws IOException {
    String scenario = """
        Feature: %s
          Scenario: the farm under check, outside check
            Given the farm under check
            Then every build of the agent for aarch64-linux went to b.example.com
        """;
    List<String> names = List.of("prod:gate.feature", "a #1 100%.feature", "plain.feature", "bâtiment:7:x.feature");
    for (String name : names) Files.writeString(tmp.resolve(name), scenario.formatted(name));
    var selection = new ScenarioSelection(List.of(tmp), true, Optional.empty(), Optional.empty(), Optional.empty());

    List<ScenarioResult> results = new ScenarioRun(selection, pair()).run(new Progress(0), "2.26/2.26");

    assertThat(results).extracting(ScenarioResult::feature).containsExactlyInAnyOrderElementsOf(names);
    assertThat(results).allSatisfy(r -> {
      assertThat(r.line()).isEqualTo(2);
      assertThat(r.status()).isEqualTo(ScenarioResult.ERROR);
    });
  }

  /** The negative twin of the count: a planned scenario that never ends is a harness error that names it. */
  @Test
  void aPlannedScenarioWithoutAResultIsAHarnessErrorNamingIt() {
    ScenarioListener listener = new ScenarioListener(new Progress(0), "2.26/2.26");
    var engine = new org.junit.platform.engine.support.descriptor.EngineDescriptor(
        org.junit.platform.engine.UniqueId.forEngine("cucumber"), "Cucumber");
    var lost = new org.junit.platform.engine.support.descriptor.AbstractTestDescriptor(
        engine.getUniqueId().append("pickle", "1"), "the lost one",
        org.junit.platform.engine.support.descriptor.FileSource.from(tmp.resolve("prod:gate.feature").toFile(),
            org.junit.platform.engine.support.descriptor.FilePosition.from(7))) {
      @Override
      public Type getType() {
        return Type.TEST;
      }
    };
    listener.planned(org.junit.platform.launcher.TestIdentifier.from(lost));
    assertThat(listener.results()).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(ScenarioResult.HARNESS_ERROR);
      assertThat(r.feature()).isEqualTo("prod:gate.feature");
      assertThat(r.line()).isEqualTo(7);
      assertThat(r.name()).isEqualTo("the lost one");
    });
  }

  private RunSettings pair() {
    NixVersion nix = NixVersion.of("2.26", Path.of("").toAbsolutePath());
    RunContext run = new RunContext("run-test", System.currentTimeMillis(), Path.of("").toAbsolutePath(), tmp,
        true, 1, Duration.ofSeconds(5), "dispatchcheck/debian");
    return new RunSettings(run, nix, nix, tmp.resolve("pair"), Optional.empty());
  }
}

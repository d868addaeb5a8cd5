package dev.dispatchcheck.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.layout.FarmLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A farm's expectations past a stated limit are invalid input (exit 2), named at the feature file's line. */
class ExpectationLimitsTest {
  static final Path PROJECT = ExpectationCheckTest.PROJECT;
  static final String DIR = "src/test/resources/expectations/limits/";

  private static List<String> problems(FarmLimits limits, Path... features) {
    return ExpectationCheck.problems(new ScenarioSelection(List.of(features), true, Optional.empty(), Optional.empty(),
        Optional.empty()), PROJECT, ExpectationCheck.NOT_FOR_FARMS, limits);
  }

  private static List<String> problems(FarmLimits limits, String file) {
    return problems(limits, PROJECT.resolve(DIR + file));
  }

  private static FarmLimits limits(int builders, int scenarios, int buildsPerStep, int concurrentBuilds, int lineLength) {
    return new FarmLimits(builders, FarmLimits.DEFAULT.cells(), scenarios, buildsPerStep, concurrentBuilds, lineLength,
        FarmLimits.DEFAULT.includeDepth());
  }

  @Test
  void aStepAskingForMoreBuildsThanTheLimitsIsNamedAtItsLineOrItsExamplesRow() {
    assertThat(problems(FarmLimits.DEFAULT, "past-every-limit.feature")).containsExactly(
        DIR + "past-every-limit.feature:7: step 'When the agent builds 30 probes for aarch64-linux, one after another' asks"
            + " for 30 probe builds; dispatchcheck runs at most 20 (raise it with --max-builds-per-step 30) in one step",
        DIR + "past-every-limit.feature:8: step 'And the ordinary user builds 9 probes for aarch64-linux at the same time'"
            + " runs 9 probe builds at the same time; dispatchcheck runs at most 8 (raise it with --max-concurrent-builds 9)"
            + " at once",
        DIR + "past-every-limit.feature:9: step 'And an effect of the agent builds 21 probes for aarch64-linux, one after"
            + " another' asks for 21 probe builds; dispatchcheck runs at most 20 (raise it with --max-builds-per-step 21)"
            + " in one step",
        DIR + "past-every-limit.feature:19: step 'When the agent builds 25 probes for aarch64-linux at the same time' asks"
            + " for 25 probe builds; dispatchcheck runs at most 20 (raise it with --max-builds-per-step 25) in one step",
        DIR + "past-every-limit.feature:19: step 'When the agent builds 25 probes for aarch64-linux at the same time' runs"
            + " 25 probe builds at the same time; dispatchcheck runs at most 8 (raise it with --max-concurrent-builds 25)"
            + " at once");
  }

  @Test
  void raisedLimitsLetTheSameStepsThrough() {
    assertThat(problems(limits(48, 200, 30, 25, 16_384), "past-every-limit.feature")).isEmpty();
  }

  @Test
  void aTablesRowsAreItsCountOfBuildersAndOfBuildsAtOnce() {
    assertThat(problems(limits(2, 200, 20, 2, 16_384), "tables.feature")).containsExactly(
        DIR + "tables.feature:4: step 'Given remote builders that claim foreign systems:' claims 3 builders; dispatchcheck"
            + " starts at most 2 (raise it with --max-builders 3)",
        DIR + "tables.feature:9: step 'When these builds run at the same time:' runs 3 probe builds at the same time;"
            + " dispatchcheck runs at most 2 (raise it with --max-concurrent-builds 3) at once");
    assertThat(problems(limits(3, 200, 20, 3, 16_384), "tables.feature")).isEmpty();
  }

  @Test
  void moreScenariosThanTheLimitIsNamedAtTheFirstOnePastIt() {
    assertThat(problems(limits(48, 3, 20, 8, 16_384), "many-scenarios.feature")).containsExactly(
        DIR + "many-scenarios.feature:15: the expectations hold 4 scenarios (an outline's examples each count; this one"
            + " is the first past the limit); dispatchcheck runs at most 3 (raise it with --max-scenarios 4)");
    assertThat(problems(limits(48, 4, 20, 8, 16_384), "many-scenarios.feature")).isEmpty();
  }

  @Test
  void aFloodOfStepsPastALimitIsShownInPartAndCounted() {
    List<String> p = problems(FarmLimits.DEFAULT, "many-rows-past.feature");
    assertThat(p).hasSize(ExpectationLimits.SHOWN + 1);
    assertThat(p.get(0)).startsWith(DIR + "many-rows-past.feature:9: step 'When the agent builds 21 probes");
    assertThat(p.get(ExpectationLimits.SHOWN)).isEqualTo(DIR + "many-rows-past.feature:29: and 5 more steps past a"
        + " limit, from this one on (the first 20 are above)");
  }

  @Test
  void aFeatureFilesLineLongerThanTheLimitIsNamed() {
    assertThat(problems(limits(48, 200, 20, 8, 102), "long-line.feature")).isEmpty();
    assertThat(problems(limits(48, 200, 20, 8, 101), "long-line.feature")).containsExactly(
        DIR + "long-line.feature:2: the line is 102 characters long; dispatchcheck reads lines of at most 101 (raise it"
            + " with --max-line-length 102)");
  }

  @Test
  void theDefaultLimitsPassTheExamplesAndTheProjectsOwnScenarios() throws IOException {
    try (Stream<Path> examples = Files.list(PROJECT.resolve("examples"))) {
      examples.map(e -> e.resolve("expectations.feature")).filter(Files::isRegularFile)
          .forEach(f -> assertThat(problems(FarmLimits.DEFAULT, f)).as(f.toString()).isEmpty());
    }
    assertThat(ExpectationCheck.problems(new ScenarioSelection(List.of(PROJECT.resolve("features")), true,
        Optional.empty(), Optional.empty(), Optional.empty()), PROJECT, java.util.Set.of(), FarmLimits.DEFAULT)).isEmpty();
  }
}

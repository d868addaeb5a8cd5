package dev.dispatchcheck.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Invalid expectations are found before any host starts, each named with its file and line (exit 2). */
class ExpectationCheckTest {
  static final Path PROJECT = Path.of("").toAbsolutePath();
  static final Path DIR = PROJECT.resolve("src/test/resources/expectations");

  private static List<String> problems(String file, Optional<Pattern> name, Optional<String> tags, boolean selfChecks) {
    return ExpectationCheck.problems(new ScenarioSelection(List.of(DIR.resolve(file)), selfChecks, name, tags,
        Optional.empty()), PROJECT);
  }

  private static List<String> problems(String file) {
    return problems(file, Optional.empty(), Optional.empty(), true);
  }

  @Test
  void aFileThatIsNotGherkinIsNamedWithItsLineAndTheOffendingText() {
    assertThat(problems("not-gherkin.feature")).singleElement().asString()
        .startsWith("src/test/resources/expectations/not-gherkin.feature:7: 'Wehn the agent builds a probe for aarch64-linux'"
            + " is not Gherkin here (the parser expected one of #EOF, #TableRow");
  }

  @Test
  void anUndefinedStepIsNamedWithItsLineOnceEvenInAnOutline() {
    assertThat(problems("undefined-steps.feature")).containsExactly(
        "src/test/resources/expectations/undefined-steps.feature:8: undefined step 'When the agent dances a jig for"
            + " aarch64-linux': no step definition matches it (the vocabulary: features/README.md)",
        "src/test/resources/expectations/undefined-steps.feature:12: undefined step 'When the agent builds a probe for"
            + " aarch64-linux over <protocol>': no step definition matches it (the vocabulary: features/README.md)");
  }

  @Test
  void onlySelectedScenariosNeedDefinedSteps() {
    assertThat(problems("undefined-steps.feature", Optional.of(Pattern.compile("outline")), Optional.empty(), true))
        .singleElement().asString().contains(":12: undefined step");
  }

  /**
   * Under live, a step that writes, starts or stops anything on the hosts is refused with its file and line; an
   * effect's build, the agent's own way to build, runs.
   */
  @Test
  void liveRefusesWriteStepsAndKeepsProbeAndEffectBuilds() {
    ScenarioSelection all = new ScenarioSelection(List.of(DIR.resolve("live-writes.feature")), true, Optional.empty(),
        Optional.empty(), Optional.empty());
    assertThat(ExpectationCheck.liveProblems(all, PROJECT)).containsExactly(
        "src/test/resources/expectations/live-writes.feature:5: step 'And the agent's own nix.conf says:' "
            + ExpectationCheck.NOT_LIVE_BECAUSE + " (the vocabulary: features/README.md)",
        "src/test/resources/expectations/live-writes.feature:25: step 'And the farm is handed over for the next scenario' "
            + ExpectationCheck.NOT_LIVE_BECAUSE + " (the vocabulary: features/README.md)");
    ScenarioSelection probesOnly = new ScenarioSelection(List.of(DIR.resolve("live-writes.feature")), true,
        Optional.of(Pattern.compile("probes only")), Optional.empty(), Optional.empty());
    assertThat(ExpectationCheck.liveProblems(probesOnly, PROJECT)).as("a scenario of probe builds runs live").isEmpty();
    assertThat(ExpectationCheck.problems(all, PROJECT, ExpectationCheck.NOT_FOR_FARMS))
        .as("check runs them on stand-ins").isEmpty();
  }

  /** A farm's expectations come with a pull request: they build probes and say where they went, and run nothing. */
  @Test
  void aFarmsExpectationsMayNotRunCommandsOrWriteFilesOnTheHosts() {
    ScenarioSelection s = new ScenarioSelection(List.of(DIR.resolve("commands.feature")), true, Optional.empty(),
        Optional.empty(), Optional.empty());
    assertThat(ExpectationCheck.problems(s, PROJECT, ExpectationCheck.NOT_FOR_FARMS)).containsExactly(
        "src/test/resources/expectations/commands.feature:7: step 'When root runs on the agent host:' is not for a farm's"
            + " expectations: it runs commands or writes files as root on the hosts; a farm's configuration is its files"
            + " (the vocabulary: features/README.md)",
        "src/test/resources/expectations/commands.feature:11: step 'Given the file \"/etc/nix/machines\" on the agent"
            + " host says:' is not for a farm's expectations: it runs commands or writes files as root on the hosts;"
            + " a farm's configuration is its files (the vocabulary: features/README.md)");
    assertThat(ExpectationCheck.problems(s, PROJECT)).as("the project's own scenarios may").isEmpty();
  }

  /** Gherkin reads a misspelt first step as the scenario's description: the scenario has no step and would pass. */
  @Test
  void aScenarioWithoutAThenStepCouldNotFailAndIsInvalid() {
    assertThat(problems("no-expectation.feature")).containsExactly(
        "src/test/resources/expectations/no-expectation.feature:6: Scenario 'a typo makes the step a description' states"
            + " no expectation (no Then step), so it could not fail (the vocabulary: features/README.md)");
  }

  /**
   * Without the hand-over before it, the verdict about it could only end its scenario as a harness error: once
   * for an outline whose examples hold it; not for its words quoted in another verdict, nor for a misspelt form,
   * which is undefined and only that.
   */
  @Test
  void aVerdictAboutTheHandOverNeedsTheHandOverBeforeIt() {
    String needs = " speaks of a step its scenario has not taken before it: 'the farm is handed over for the next"
        + " scenario' (the vocabulary: features/README.md)";
    assertThat(problems("no-hand-over.feature")).containsExactly(
        "src/test/resources/expectations/no-hand-over.feature:6: step 'Then aarch64-linux-0 was replaced by a fresh host"
            + " at hand-over, and no other host was'" + needs,
        "src/test/resources/expectations/no-hand-over.feature:10: step 'Then the verdict that aarch64-linux-1 was replaced"
            + " by a fresh host at hand-over, and no other host was is a failure saying \"aarch64-linux-0\"'" + needs,
        "src/test/resources/expectations/no-hand-over.feature:20: step 'Then <verdict>'" + needs,
        "src/test/resources/expectations/no-hand-over.feature:31: undefined step 'And aarch64-linux-0 was replaced by a"
            + " fresh host at hand-over': no step definition matches it (the vocabulary: features/README.md)");
  }

  @Test
  void wellFormedExpectationsHaveNoProblem() {
    assertThat(problems("valid.feature")).isEmpty();
    assertThat(problems("valid.feature", Optional.empty(), Optional.of("@beta and not @selfcheck"), true)).isEmpty();
  }

  @Test
  void aFilterThatSelectsNothingSaysWhatThereIs() {
    assertThat(problems("valid.feature", Optional.empty(), Optional.of("@alpha"), true)).singleElement().asString()
        .isEqualTo("--tags '@alpha' selects none of the 2 scenarios in src/test/resources/expectations/valid.feature;"
            + " their tags: @beta @selfcheck");
    assertThat(problems("valid.feature", Optional.of(Pattern.compile("dances")), Optional.of("beta"), true))
        .singleElement().asString().startsWith("--name 'dances' and --tags 'beta' select none of the 2 scenarios");
    assertThat(problems("valid.feature", Optional.empty(), Optional.of("@selfcheck"), false)).singleElement().asString()
        .contains("none of the 1 scenarios").contains("(self-checks, @selfcheck, are not part of this command)");
  }

  @Test
  void aFileWithoutScenariosHasNothingToRun() {
    assertThat(problems("empty.feature")).containsExactly(
        "no scenario to run in src/test/resources/expectations/empty.feature");
  }

  @Test
  void aTagExpressionInNeitherFormIsInvalidInputBeforeAnythingElse() {
    assertThatThrownBy(() -> problems("valid.feature", Optional.empty(), Optional.of("@beta and"), true))
        .isExactlyInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theProjectsOwnScenariosAreValid() {
    assertThat(ExpectationCheck.problems(new ScenarioSelection(List.of(PROJECT.resolve("features")), true,
        Optional.empty(), Optional.empty(), Optional.empty()), PROJECT)).isEmpty();
  }
}

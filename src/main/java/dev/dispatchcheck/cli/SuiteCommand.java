package dev.dispatchcheck.cli;

import dev.dispatchcheck.check.ExampleChecks;
import dev.dispatchcheck.driver.engine.Engine;
import dev.dispatchcheck.run.ExitCode;
import dev.dispatchcheck.run.Matrix;
import dev.dispatchcheck.run.RunContext;
import dev.dispatchcheck.suite.ExpectationCheck;
import dev.dispatchcheck.suite.Runs;
import dev.dispatchcheck.suite.ScenarioSelection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code suite}, the test command's part: every scenario with its self-checks on each pair, then the example farms. */
@Command(mixinStandardHelpOptions = true, name = "suite", description = "Run every scenario, self-checks included, on each Nix pair (the test command's part).")
final class SuiteCommand implements Callable<Integer> {
  @Mixin RunOptions options = new RunOptions();

  @Override
  public Integer call() {
    Matrix matrix = options.matrix(Matrix.Default.SUITE);
    ScenarioSelection scenarios = options.scenarios(true);
    if (ExpectationCheck.invalid(scenarios, options.projectDir())) return ExitCode.INVALID;
    try (Runs.RunScope run = Runs.openRun(options.newRun())) {
      return scenariosThenExamples(run.context(), scenarios, matrix);
    }
  }

  private int scenariosThenExamples(RunContext run, ScenarioSelection selection, Matrix matrix) {
    int scenarios = Runs.runFeatures(run, options.parallel(), matrix, selection.reportRun(options.reports(), "test"),
        selection);
    // The example farms run once, in the first shard (or the whole run), never filtered away.
    boolean whole = selection.name().isEmpty() && selection.tags().isEmpty();
    boolean firstShard = options.shard().map(k -> k.index() == 1).orElse(true);
    int examples = whole && firstShard && Engine.wedged().isEmpty()
        ? ExampleChecks.run(run, matrix, CheckCommand::within) : ExitCode.OK;
    return ExitCode.combine(scenarios, examples);
  }
}

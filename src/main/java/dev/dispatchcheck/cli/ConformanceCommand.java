package dev.dispatchcheck.cli;

import dev.dispatchcheck.run.ExitCode;
import dev.dispatchcheck.run.Matrix;
import dev.dispatchcheck.suite.ExpectationCheck;
import dev.dispatchcheck.suite.Runs;
import dev.dispatchcheck.suite.ScenarioSelection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code conformance}: the guide's scenarios, without self-checks, on each Nix pair. */
@Command(mixinStandardHelpOptions = true, name = "conformance", description = "Run the conformance scenarios (no self-checks) on each Nix pair.")
final class ConformanceCommand implements Callable<Integer> {
  @Mixin RunOptions options = new RunOptions();

  @Override
  public Integer call() {
    ScenarioSelection scenarios = options.scenarios(false);
    Matrix matrix = options.matrix(Matrix.Default.CONFORMANCE);
    if (ExpectationCheck.invalid(scenarios, options.projectDir())) return ExitCode.INVALID;
    try (Runs.RunScope run = Runs.openRun(options.newRun())) {
      return Runs.runFeatures(run.context(), options.parallel(), matrix,
          scenarios.reportRun(options.reports(), "conformance"), scenarios);
    }
  }
}

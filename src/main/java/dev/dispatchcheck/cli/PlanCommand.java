package dev.dispatchcheck.cli;

import dev.dispatchcheck.run.Console;
import dev.dispatchcheck.run.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import dev.dispatchcheck.run.Matrix;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;

/** {@code plan COMMAND}: the Debian suites a command's matrix needs, for the launcher to provision. */
@Command(mixinStandardHelpOptions = true, name = "plan", description = "Print the Debian suites whose base images a matrix needs (for the launcher).")
final class PlanCommand implements Callable<Integer> {
  @CommandLine.Mixin RunOptions options = new RunOptions();
  @Parameters(index = "0", defaultValue = "suite", description = "conformance, suite, check or bench") String command;
  /** The rest of the command's arguments (a farm directory, --before ...): not the plan's business. */
  @CommandLine.Unmatched List<String> rest = new ArrayList<>();

  @Override
  public Integer call() {
    options.matrix(Matrix.Default.of(command)).suites().forEach(Console::out);
    return ExitCode.OK;
  }
}

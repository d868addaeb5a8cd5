package dev.dispatchcheck.cli;

import dev.dispatchcheck.run.Console;
import dev.dispatchcheck.run.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import dev.dispatchcheck.run.Matrix;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code plan COMMAND}: the Debian suites a command's matrix needs, for the launcher to provision. */
@Command(mixinStandardHelpOptions = true, name = "plan", description = "Print the Debian suites whose base images a matrix needs (for the launcher).")
final class PlanCommand implements Callable<Integer> {
  @CommandLine.Mixin RunOptions options = new RunOptions();
  @Parameters(index = "0", defaultValue = "suite", description = "conformance, suite, check or bench (a check's farm is linted first: exit 2 if invalid)") String command;
  /** The rest of the command's arguments (a farm directory, --before ...): not the plan's business. */
  @CommandLine.Unmatched List<String> rest = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    // A check's farm is linted before anything is provisioned: a bad file is exit 2 with its
    // file and line, with no engine installed or started for it.
    if (command.equals("check") && !CheckCommand.inputValid(checkArgs()).orElse(true)) return ExitCode.INVALID;
    options.matrix(Matrix.Default.of(command)).suites().forEach(Console::out);
    return ExitCode.OK;
  }

  /** The check's own arguments: the command line's after "check" (and "plan", where it is there). */
  private List<String> checkArgs() {
    List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
    if (!args.isEmpty() && args.get(0).equals("plan")) args.remove(0);
    args.remove("check");
    return args;
  }
}

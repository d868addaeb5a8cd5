package dev.dispatchcheck.cli;

import dev.dispatchcheck.check.ExampleChecks;
import dev.dispatchcheck.check.FarmCheck;
import dev.dispatchcheck.run.ExitCode;
import dev.dispatchcheck.run.Matrix;
import dev.dispatchcheck.run.Progress;
import dev.dispatchcheck.run.RunContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code check FARM_DIR}: an operator's farm checked ({@link FarmCheck}). */
@Command(mixinStandardHelpOptions = true, name = "check", description = "Check an operator's farm directory: lint, dispatch map, expectations.")
final class CheckCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "the farm directory (see examples/)") Path farmDir;

  @Option(names = "--before", description = "the farm as it is now: print the cells the change to FARM_DIR moves")
  Path before;

  @Option(names = "--fail-on-move", description = "with --before: exit 1 if any cell moved (a CI gate)")
  boolean failOnMove;

  @Option(names = "--run-farm-commands", description = "deploy the farm's hooks and command-running ssh options as"
      + " written, so that they run in the stand-ins (only for farms whose authors you trust); without it each is"
      + " neutralised, and the map's notes say so")
  boolean runFarmCommands;

  @Mixin RunOptions options = new RunOptions();

  @Mixin LimitOptions limitOptions = new LimitOptions();

  @Override
  public Integer call() {
    return farmCheck().call(options::newRun);
  }

  private FarmCheck farmCheck() {
    if (failOnMove && before == null) {
      throw new IllegalArgumentException("--fail-on-move needs --before OLD_DIR: with no farm to compare with, no cell"
          + " can move, and the gate could never fail");
    }
    return new FarmCheck(new FarmCheck.Request(farmDir, Optional.ofNullable(before), failOnMove, runFarmCommands,
        limitOptions.limits(), options.parallelGiven().orElse(1)), features -> options.selection(features, true),
        () -> options.matrix(Matrix.Default.CHECK), options.projectDir());
  }

  /**
   * For the launcher's plan: whether {@code args}, a check's arguments, are valid input, lint
   * included, asked before anything is provisioned. Lint prints what it finds as it goes, so it
   * is said only when the input is invalid (the check itself says it again otherwise); empty
   * when the arguments do not parse, which the check itself reports.
   */
  static Optional<Boolean> inputValid(List<String> args) {
    CheckCommand command;
    try {
      command = parsed(args);
    } catch (CommandLine.ParameterException e) {
      return Optional.empty();
    }
    PrintStream err = System.err;
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    boolean valid;
    try (PrintStream capture = new PrintStream(said, true, StandardCharsets.UTF_8)) {
      System.setErr(capture);
      valid = command.farmCheck().inputValid(new Progress(System.currentTimeMillis()));
    } finally {
      System.setErr(err);
    }
    if (!valid) err.print(said.toString(StandardCharsets.UTF_8));
    return Optional.of(valid);
  }

  /** A check as {@code args} on the command line would ask it, within {@code run} (the test command's example farms). */
  static ExampleChecks.Outcome within(List<String> args, RunContext run) {
    CheckCommand command;
    try {
      command = parsed(args);
    } catch (CommandLine.ParameterException e) {
      return new ExampleChecks.Outcome(ExitCode.of(new IllegalArgumentException(e.getMessage())), Optional.empty());
    }
    FarmCheck check;
    try {
      check = command.farmCheck();
    } catch (RuntimeException e) {
      return new ExampleChecks.Outcome(ExitCode.of(e), Optional.empty());
    }
    try {
      return new ExampleChecks.Outcome(check.within(run), Optional.of(check));
    } catch (RuntimeException e) {
      return new ExampleChecks.Outcome(ExitCode.of(e), Optional.of(check));
    }
  }

  /** A check's command with {@code args} parsed into it, as the command line would. */
  private static CheckCommand parsed(List<String> args) {
    CheckCommand command = new CheckCommand();
    new CommandLine(command).parseArgs(args.toArray(String[]::new));
    return command;
  }
}

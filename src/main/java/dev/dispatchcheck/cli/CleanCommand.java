package dev.dispatchcheck.cli;

import dev.dispatchcheck.run.Console;
import dev.dispatchcheck.run.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import dev.dispatchcheck.driver.farm.Sweeper;
import dev.dispatchcheck.suite.Runs;

/** {@code clean}: every container and network any run left, removed. */
@Command(name = "clean", description = "Remove every container and network any run left behind.")
final class CleanCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    Runs.requireDocker();
    Console.errf("[dispatchcheck] removed %d containers and networks", new Sweeper().sweepAll());
    return ExitCode.OK;
  }
}

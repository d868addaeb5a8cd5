package dev.dispatchcheck.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "check", description = "Check an operator's farm directory.")
final class FarmCheck implements Callable<Integer> {
  @Override
  public Integer call() {
    return Main.INVALID;
  }
}

package dev.dispatchcheck.cli;

import dev.dispatchcheck.driver.farm.Sweeper;
import dev.dispatchcheck.run.Console;
import dev.dispatchcheck.run.ExitCode;
import dev.dispatchcheck.run.Settings;
import dev.dispatchcheck.run.Extractions;
import dev.dispatchcheck.run.ProjectDir;
import dev.dispatchcheck.suite.Runs;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code clean}: every container and network any run left removed, and every other jar's extraction. */
@Command(mixinStandardHelpOptions = true, name = "clean", description = "Remove every container and network any run left behind, and the extracted"
    + " resources of every other version of the jar.")
final class CleanCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    // First, as it needs no Docker. Run from classes, no extraction is in use: all go.
    Path cache = Settings.fromEnvironment().cacheRoot();
    Optional<Path> own = ProjectDir.jar().map(jar -> ProjectDir.locate(cache));
    Console.errf("[dispatchcheck] removed %d extractions of other jars from %s", Extractions.removeAllBut(cache, own), cache);
    Runs.requireDocker();
    Console.errf("[dispatchcheck] removed %d containers and networks", new Sweeper().sweepAll());
    return ExitCode.OK;
  }
}

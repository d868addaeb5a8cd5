package dev.dispatchcheck.check;

import dev.dispatchcheck.suite.ExpectationCheck;
import dev.dispatchcheck.suite.ScenarioSelection;

import dev.dispatchcheck.run.Console;
import dev.dispatchcheck.dispatch.layout.FarmInputException;
import dev.dispatchcheck.dispatch.layout.FarmLayout;
import dev.dispatchcheck.dispatch.layout.FarmLimits;
import dev.dispatchcheck.dispatch.layout.Finding;
import dev.dispatchcheck.dispatch.layout.Lint;
import dev.dispatchcheck.dispatch.layout.Severity;
import dev.dispatchcheck.run.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code check} does before anything starts, and {@code lint} alone: a farm's files
 * read and linted, and its expectations (*.feature) parsed and matched against the step
 * definitions. No engine, no host.
 */
public final class FarmLint {
  private FarmLint() {}

  /** Lints each farm; whether any is invalid (each problem said with its file and line). */
  public static boolean invalid(List<Path> farms, FarmLimits limits) {
    Progress progress = new Progress(System.currentTimeMillis());
    boolean invalid = false;
    for (Path dir : farms) {
      Optional<FarmLayout> layout = read(dir);
      invalid |= layout.isEmpty() || lint(layout.get(), limits, progress) || invalidExpectations(
          new ScenarioSelection(layout.get().features(), true, Optional.empty(), Optional.empty(), Optional.empty()),
          Path.of("").toAbsolutePath(), limits);
    }
    return invalid;
  }

  /** The farm's files; empty, said, if they cannot be read as a farm (a link, a fifo, a huge file). */
  static Optional<FarmLayout> read(Path dir) {
    try {
      return Optional.of(FarmLayout.read(dir));
    } catch (FarmInputException e) {
      Console.err("[dispatchcheck] error: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Prints each finding with its file and line; whether any is an error (a farm past one of {@code limits} is). */
  static boolean lint(FarmLayout layout, FarmLimits limits, Progress progress) {
    List<Finding> findings = Lint.check(layout, limits);
    progress.say("lint of %s: %d errors, %d warnings", layout.dir(),
        findings.stream().filter(f -> f.severity() == Severity.ERROR).count(),
        findings.stream().filter(f -> f.severity() == Severity.WARNING).count());
    findings.forEach(f -> Console.err("  " + layout.dir() + "/" + f));
    return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
  }

  /** Whether a farm's expectations are invalid (printed, with file and line); none at all are valid. */
  static boolean invalidExpectations(ScenarioSelection expectations, Path namedFrom, FarmLimits limits) {
    return !expectations.features().isEmpty()
        && ExpectationCheck.invalid(ExpectationCheck.problems(expectations, namedFrom, ExpectationCheck.NOT_FOR_FARMS, limits));
  }
}

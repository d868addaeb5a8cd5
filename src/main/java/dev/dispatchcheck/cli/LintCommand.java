package dev.dispatchcheck.cli;

import dev.dispatchcheck.check.FarmLint;
import dev.dispatchcheck.run.ExitCode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code lint FARM_DIR…}: what check does before anything starts, alone; no engine, no host (a pre-commit hook). */
@Command(name = "lint", mixinStandardHelpOptions = true,
    description = "Lint farm directories as check does first (files, expectations); no Docker.")
final class LintCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FARM_DIR", description = "the farm directories (see examples/)")
  List<Path> farms;

  @Mixin LimitOptions limitOptions = new LimitOptions();

  @Override
  public Integer call() {
    return FarmLint.invalid(farms, limitOptions.limits()) ? ExitCode.INVALID : ExitCode.OK;
  }
}

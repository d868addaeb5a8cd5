package dev.dispatchcheck.cli;

import dev.dispatchcheck.run.Console;
import dev.dispatchcheck.run.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import dev.dispatchcheck.report.CompatibilityPage;
import dev.dispatchcheck.report.JUnitMerge;
import java.nio.file.Path;

/** {@code report}: the compatibility page and the merged JUnit XML rebuilt from gathered reports. */
@Command(mixinStandardHelpOptions = true, name = "report", description = "Rebuild reports/index.html and reports/junit.xml from every pair's and shard's"
    + " report under reports/ (e.g. after CI jobs' reports were gathered there).")
final class ReportCommand implements Callable<Integer> {
  @CommandLine.Mixin RunOptions options = new RunOptions();

  @Override
  public Integer call() {
    Path reports = options.reports();
    CompatibilityPage.write(reports);
    int failed = JUnitMerge.write(reports);
    Console.errf("[dispatchcheck] wrote %s and %s: %d failed test cases", reports.resolve("index.html"),
        reports.resolve("junit.xml"), failed);
    return failed == 0 ? ExitCode.OK : ExitCode.FAILED;
  }
}

package dev.dispatchcheck.cli;

import dev.dispatchcheck.driver.engine.Engine;
import dev.dispatchcheck.run.Console;
import dev.dispatchcheck.run.ConsoleLogging;
import dev.dispatchcheck.run.ExitCode;
import dev.dispatchcheck.run.Settings;
import dev.dispatchcheck.run.SystemProperties;
import dev.dispatchcheck.run.TestcontainersEnvironment;
import dev.dispatchcheck.suite.Runs;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line the launcher calls once it has provisioned the machine: the commands,
 * assembled, with their exit codes ({@link ExitCode}).
 */
@Command(name = "dispatchcheck", mixinStandardHelpOptions = true,
    subcommands = {ConformanceCommand.class, SuiteCommand.class, CheckCommand.class, LiveCommand.class, LintCommand.class,
        PlanCommand.class, StandInCommand.class,
        CleanCommand.class, ReportCommand.class, BenchCommand.class},
    description = "Proves where a Nix installation dispatches builds.")
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // UTF-8 whatever the locale: a CI job's container often has none, and Java would print
    // a host name's non-ASCII letters, or the map's arrows, as '?'.
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    int code;
    try {
      // Read and checked before anything else: a bad value is exit 2 naming it.
      Settings settings = Settings.fromEnvironment();
      SystemProperties.check();
      SystemProperties.libraryLog(settings.cacheRoot());
      ConsoleLogging.install();
      Optional<Integer> rerun = TestcontainersEnvironment.rerunIfMissing(args, Main.class);
      code = rerun.isPresent() ? rerun.get() : commandLine().execute(args);
    } catch (Exception e) { // a bad environment variable, read before the command line
      code = ExitCode.of(e);
    } catch (Throwable t) { // an Error (a StackOverflowError, say) passes picocli's handler by
      code = ExitCode.defect(t);
    }
    // Whatever else happened, a run on an engine that stopped answering reached no verdict.
    // It ends without its shutdown hooks: Testcontainers' own would ask the engine to remove
    // its containers and wait for it without end. This run's containers are left for the
    // next run, or clean, as the run has said.
    if (Engine.wedged().isPresent()) Runs.halt(ExitCode.ENVIRONMENT);
    System.exit(code);
  }

  /** The command line with its exit codes: invalid input is 2, anything else that breaks is 3. */
  static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler((e, cmd, parsed) -> ExitCode.of(e))
        .setParameterExceptionHandler((e, args) -> {
          Console.err("[dispatchcheck] error: " + e.getMessage());
          e.getCommandLine().usage(System.err);
          return ExitCode.INVALID;
        });
  }
}

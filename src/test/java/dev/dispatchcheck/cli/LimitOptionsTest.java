package dev.dispatchcheck.cli;

import dev.dispatchcheck.run.ExitCode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The limits' options of lint and check: a farm past one is exit 2 before anything starts, and so is a bad value. */
@Isolated // it swaps System.out and System.err, which every other test class writes to
class LimitOptionsTest {
  private record Run(int exit, String stderr) {}

  private static Run run(String... args) {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setErr(capture);
      int exit = Main.commandLine().execute(args);
      return new Run(exit, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(err);
    }
  }

  /** Lint and check alike end with exit 2, saying {@code said}, before anything starts (check needs no engine here). */
  private static void invalidForLintAndCheck(String said, String... args) {
    for (String command : new String[] {"lint", "check"}) {
      String[] all = new String[args.length + 1];
      all[0] = command;
      System.arraycopy(args, 0, all, 1, args.length);
      Run r = run(all);
      assertThat(r.exit()).as(command).isEqualTo(ExitCode.INVALID);
      assertThat(r.stderr()).as(command).contains(said);
    }
  }

  @ParameterizedTest
  @CsvSource({"--max-builders, 0, 1", "--max-cells, -1, 1", "--max-scenarios, 0, 1", "--max-builds-per-step, 0, 1",
      "--max-concurrent-builds, -3, 1", "--max-line-length, 79, 80", "--max-include-depth, 0, 1"})
  void aLimitBelowItsMinimumIsInvalidInputNamingTheOption(String option, String value, String minimum) {
    invalidForLintAndCheck("error: " + option + " " + value + ": the limit must be at least " + minimum, option, value,
        "examples/guide-farm");
  }

  @Test
  void aLimitThatIsNoNumberIsInvalidInput() {
    Run r = run("lint", "--max-builders", "many", "examples/guide-farm");
    assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
    assertThat(r.stderr()).contains("--max-builders").contains("'many'");
  }

  @Test
  void theGuidesFarmPassesTheDefaultsAndLimitsAsLowAsItsOwnSize() {
    assertThat(run("lint", "examples/guide-farm").exit()).isEqualTo(ExitCode.OK);
    assertThat(run("lint", "--max-builders", "2", "--max-builds-per-step", "2", "examples/guide-farm").exit())
        .isEqualTo(ExitCode.OK);
  }

  @Test
  void aFarmPastALimitIsInvalidInputForLintAndCheckBeforeAnythingStarts() {
    invalidForLintAndCheck("examples/guide-farm/agent/etc/nix/machines:2: error: the farm names 2 stand-in builders"
        + " (the SSH hosts of its machines lines; this line's is the first past the limit); dispatchcheck starts at most 1"
        + " (raise it with --max-builders 2)", "--max-builders", "1", "examples/guide-farm");
  }

  @Test
  void expectationsPastALimitAreInvalidInputForLintAndCheck() {
    invalidForLintAndCheck("examples/guide-farm/expectations.feature:9: step 'When the agent builds 2 probes for"
        + " aarch64-linux, one after another' asks for 2 probe builds; dispatchcheck runs at most 1 (raise it with"
        + " --max-builds-per-step 2) in one step", "--max-builds-per-step", "1", "examples/guide-farm");
  }
}

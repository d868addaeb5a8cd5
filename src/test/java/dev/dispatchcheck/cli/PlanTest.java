package dev.dispatchcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the launcher provisions for a command: the suites of the matrix that command will run, and no more. */
@Isolated // it swaps System.out and System.err, which every other test class writes to
class PlanTest {
  private record Planned(int code, List<String> suites, String err) {}

  private static Planned plan(String... args) {
    PrintStream out = System.out, err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      String[] all = new String[args.length + 1];
      all[0] = "plan";
      System.arraycopy(args, 0, all, 1, args.length);
      int code = Main.commandLine().execute(all);
      return new Planned(code, o.toString(StandardCharsets.UTF_8).lines().toList(), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      conformance | bookworm trixie
      suite       | bookworm trixie forky
      check       | trixie
      bench       | trixie
      """)
  void eachCommandsDefaultMatrixNeedsItsSuitesOnly(String command, String suites) {
    assertThat(plan(command)).isEqualTo(new Planned(0, List.of(suites.split(" ")), ""));
  }

  @Test
  void aMatrixGivenIsTheOnePlanned() {
    assertThat(plan("bench", "--matrix", "2.8/2.8").suites()).containsExactly("bookworm");
    assertThat(plan("check", "examples/guide-farm", "--before", "examples/guide-farm-before", "--matrix", "2.34/2.8")
        .suites()).containsExactly("forky", "bookworm");
  }

  /** A check's farm is linted before anything is provisioned; a sound one's lint says nothing here (the check says it). */
  @Test
  void aSoundFarmIsPlannedSilently() {
    assertThat(plan("check", "examples/guide-farm")).isEqualTo(new Planned(0, List.of("trixie"), ""));
  }

  /** The negative twin: a farm that does not lint is exit 2 with its file and line, and no suite to provision. */
  @Test
  void aFarmThatDoesNotLintIsInvalidInputBeforeAnyProvisioning() {
    Planned p = plan("check", "examples/malformed-farm");
    assertThat(p.code()).isEqualTo(2);
    assertThat(p.suites()).isEmpty();
    assertThat(p.err()).contains("examples/malformed-farm/agent/etc/nix/machines:2: error:");
  }

  @Test
  void aBeforeFarmThatDoesNotLintIsInvalidInputToo() {
    Planned p = plan("check", "--before", "examples/malformed-farm", "examples/guide-farm");
    assertThat(p.code()).isEqualTo(2);
    assertThat(p.err()).contains("examples/malformed-farm/agent/etc/nix/machines:2: error:");
  }

  /** The negative twin: a command with no default matrix is invalid input, not the test's matrix. */
  @Test
  void aCommandWithoutADefaultMatrixIsInvalidInput() {
    Planned p = plan("provision");
    assertThat(p.code()).isEqualTo(2);
    assertThat(p.suites()).isEmpty();
    assertThat(p.err()).contains("error: no default matrix for 'provision': conformance, suite, check or bench");
  }
}

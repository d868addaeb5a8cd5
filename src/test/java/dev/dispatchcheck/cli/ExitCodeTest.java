package dev.dispatchcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What scenarios' results make of the exit code: a verdict is 1, no verdict is 3, never the other way round. */
class ExitCodeTest {
  private static ScenarioResult ended(String status) {
    return new ScenarioResult("f.feature", 1, "s", status, 1, "", List.of());
  }

  @Test
  void aHarnessErrorIsNoVerdictSoExitThreeNotOne() {
    assertThat(Summary.exitCode(List.of(ended(ScenarioResult.PASSED), ended(ScenarioResult.HARNESS_ERROR)))).isEqualTo(3);
    assertThat(Summary.exitCode(List.of(ended(ScenarioResult.ERROR)))).isEqualTo(3);
  }

  @Test
  void aVerdictFailureSaysMostWhateverElseHappened() {
    assertThat(Summary.exitCode(List.of(ended(ScenarioResult.HARNESS_ERROR), ended(ScenarioResult.FAILED)))).isEqualTo(1);
    assertThat(Summary.combine(3, 1)).isEqualTo(1);
    assertThat(Summary.combine(0, 3)).isEqualTo(3);
    assertThat(Summary.exitCode(List.of(ended(ScenarioResult.PASSED)))).isZero();
  }
}

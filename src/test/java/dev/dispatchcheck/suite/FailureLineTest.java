package dev.dispatchcheck.suite;

import dev.dispatchcheck.report.ScenarioResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.dispatchcheck.dispatch.verdict.DispatchAssertions;
import dev.dispatchcheck.dispatch.verdict.DispatchRecordAssertTest;
import dev.dispatchcheck.dispatch.verdict.SelfCheck;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A failed verdict's console line and results.json message say what was observed and why, in one line. */
class FailureLineTest {

  private static Throwable wrongBuilder() {
    var record = DispatchRecordAssertTest.dispatchedTo("aarch64-linux-0",
        Map.of("aarch64-linux-0", true, "aarch64-linux-1", false),
        Map.of("agent", false, "aarch64-linux-0", true, "aarch64-linux-1", false))
        .withLikelyCause(Optional.of("hercules-ci-agent is not in trusted-users, so the daemon ignores its builders"));
    return catchThrowable(() -> DispatchAssertions.assertThat(record).as("hercules-ci-agent's build").wentTo("aarch64-linux-1"));
  }

  @Test
  void aVerdictKeepsTheObservationAndTheLikelyCauseButNotTheEvidence() {
    String line = FailureLine.of(wrongBuilder());
    assertThat(line)
        .startsWith("expected hercules-ci-agent's build to be dispatched to aarch64-linux-1, but it was dispatched to aarch64-linux-0")
        .contains("Likely cause: hercules-ci-agent is not in trusted-users")
        .doesNotContain("\n").doesNotContain("Evidence").doesNotContain("  ");
    assertThat(ScenarioListener.classify(wrongBuilder())).isEqualTo(ScenarioResult.FAILED);
  }

  @Test
  void aSelfCheckThatMissedItsWordsQuotesTheVerdictItGot() {
    Throwable t = catchThrowable(() -> SelfCheck.mustFail("it went to aarch64-linux-1", () -> {
      throw (Error) wrongBuilder();
    }, "not in the message"));
    assertThat(FailureLine.of(t)).contains("does not say \"not in the message\"")
        .contains("but it was dispatched to aarch64-linux-0").doesNotContain("\n");
  }

  @Test
  void aLongMessageIsCutAndAMessagelessOneNamesItsType() {
    assertThat(FailureLine.of(new IllegalStateException("x".repeat(5000)))).hasSize(FailureLine.MAX_LENGTH).endsWith("…");
    assertThat(FailureLine.of(new NullPointerException())).isEqualTo("NullPointerException");
  }
}

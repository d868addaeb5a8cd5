package dev.dispatchcheck.dispatch.verdict;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A self-check passes on a verdict failure that says the right thing, and on nothing else. */
class SelfCheckTest {

  @Test
  void passesOnAVerdictFailureSayingTheText() {
    assertThatCode(() -> SelfCheck.mustFail("v", () -> {
      throw new VerdictFailure("expected x, but it was dispatched to aarch64-linux-1");
    }, "dispatched to aarch64-linux-1")).doesNotThrowAnyException();
  }

  @Test
  void failsWhenTheVerdictPasses() {
    assertThatThrownBy(() -> SelfCheck.mustFail("v", () -> { }, "anything"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("should have failed, but it passed");
  }

  @Test
  void failsWhenTheMessageDoesNotSayIt() {
    assertThatThrownBy(() -> SelfCheck.mustFail("v", () -> {
      throw new VerdictFailure("it went to aarch64-linux-0");
    }, "aarch64-linux-1")).isInstanceOf(AssertionError.class).hasMessageContaining("does not say");
  }

  @Test
  void aHarnessErrorInsideASelfCheckFailsItAsAHarnessError() {
    HarnessError e = new HarnessError("the evidence sources disagree: aarch64-linux-0 and aarch64-linux-1 ...");
    assertThatThrownBy(() -> SelfCheck.mustFail("v", () -> {
      throw e;
    }, "aarch64-linux-0")).as("its text names the builder, yet it is no proof").isSameAs(e);
  }

  @Test
  void aPlainAssertionErrorIsNoProofEither() {
    AssertionError e = new AssertionError("timed out ... aarch64-linux-0");
    assertThatThrownBy(() -> SelfCheck.mustFail("v", () -> {
      throw e;
    }, "aarch64-linux-0")).isSameAs(e);
  }

  @Test
  void theExpectationHalfOfAMessageIsNoProof() {
    assertThatThrownBy(() -> SelfCheck.mustFail("v", () -> {
      throw new VerdictFailure("expected the agent's build to be dispatched to aarch64-linux-0,\n"
          + "but it was dispatched to aarch64-linux-1, succeeded.");
    }, "aarch64-linux-0")).isInstanceOf(SelfCheck.SelfCheckFailure.class);
  }
}

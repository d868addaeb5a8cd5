package dev.dispatchcheck.dispatch.map;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.verdict.DispatchRecordAssertTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A probe's record becomes a typed answer; evidence that disagrees is no answer, never a builder. */
class CellAnswerTest {
  static final Map<String, Boolean> RAN_ON_1 = Map.of("agent", false, "aarch64-linux-0", false, "aarch64-linux-1", true);

  @Test
  void agreeingEvidenceNamesTheBuilderInLowerCase() {
    CellAnswer a = CellAnswer.of(DispatchRecordAssertTest.dispatchedTo("AArch64-Linux-1",
        Map.of("aarch64-linux-0", false, "aarch64-linux-1", true), RAN_ON_1));
    assertThat(a).isEqualTo(new CellAnswer.WentTo("aarch64-linux-1"));
    assertThat(a.text()).isEqualTo("aarch64-linux-1");
    assertThat(a.kind()).isEqualTo("wentTo");
  }

  @Test
  void disagreeingEvidenceIsAHarnessErrorThatSaysWhy() {
    CellAnswer a = CellAnswer.of(DispatchRecordAssertTest.dispatchedTo("aarch64-linux-1",
        Map.of("aarch64-linux-0", true, "aarch64-linux-1", false), RAN_ON_1));
    assertThat(a).isInstanceOf(CellAnswer.HarnessError.class);
    assertThat(a.text()).startsWith("HARNESS ERROR: no verdict on the build: the evidence sources disagree: ")
        .contains("the output is in the store of aarch64-linux-0").doesNotContain("\n").doesNotContain("Evidence");
    assertThat(a.kind()).isEqualTo("harnessError");
  }

  @Test
  void aCellNotStoodInSaysWhichSchemeAndNothingOfSsh() {
    CellAnswer a = new CellAnswer.NotStoodIn("https");
    assertThat(a.text()).isEqualTo("not stood in: https builders are not simulated").doesNotContainIgnoringCase("ssh");
    assertThat(a.kind()).isEqualTo("notStoodIn");
  }

  @Test
  void aGridCellSaysTheAnswerInAFewWords() {
    assertThat(new CellAnswer.Failed("the builder refused the SSH key").brief()).isEqualTo("fails: the builder refused the SSH key");
    assertThat(new CellAnswer.Failed("no builder can build this system with these features").brief())
        .isEqualTo("fails: no builder can build it");
    assertThat(new CellAnswer.Failed("unrecognised error (see its log)").brief()).isEqualTo("fails: unrecognised error (see its log)");
    assertThat(new CellAnswer.NotStoodIn("http").brief()).isEqualTo("not stood in (http)");
    assertThat(new CellAnswer.HarnessError("the evidence sources disagree").brief()).isEqualTo("HARNESS ERROR");
    assertThat(new CellAnswer.WentTo("aarch64-linux-1").brief()).isEqualTo("aarch64-linux-1");
    assertThat(new CellAnswer.BuiltLocally().brief()).isEqualTo("built locally");
  }

  @Test
  void aPostBuildHooksFailureIsTheCellsAnswerNamingTheHook() {
    CellAnswer a = CellAnswer.of(DispatchRecordAssertTest.hookFailedAfter("aarch64-linux-1",
        Map.of("aarch64-linux-0", false, "aarch64-linux-1", true), RAN_ON_1));
    assertThat(a).isInstanceOf(CellAnswer.Failed.class);
    assertThat(a.text()).isEqualTo("fails: the post-build-hook /etc/nix/upload-to-cache.sh exited 1 after the build had"
        + " succeeded on aarch64-linux-1: a post-build hook runs after a build and does not decide where it goes");
    assertThat(a.brief()).isEqualTo("fails: the post-build hook failed");
    // The same failure with the output where the log says it was not built is no answer.
    assertThat(CellAnswer.of(DispatchRecordAssertTest.hookFailedAfter("aarch64-linux-1",
        Map.of("aarch64-linux-0", true, "aarch64-linux-1", false), RAN_ON_1))).isInstanceOf(CellAnswer.HarnessError.class);
  }
}

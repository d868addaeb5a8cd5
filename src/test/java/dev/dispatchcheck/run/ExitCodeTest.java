package dev.dispatchcheck.run;

import dev.dispatchcheck.report.ScenarioResult;
import dev.dispatchcheck.report.Summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** What scenarios' results make of the exit code: a verdict is 1, no verdict is 3, never the other way round. */
@Isolated // it swaps System.out and System.err, which every other test class writes to
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
    assertThat(ExitCode.combine(3, 1)).isEqualTo(1);
    assertThat(ExitCode.combine(0, 3)).isEqualTo(3);
    assertThat(Summary.exitCode(List.of(ended(ScenarioResult.PASSED)))).isZero();
  }

  /** A defect is 3 (never the verdict's 1), and says it is dispatchcheck's; invalid input stays 2. */
  @Test
  void aDefectIsExitThreeAndSaysSo() {
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(bytes, true));
    try {
      assertThat(ExitCode.of(new NullPointerException("x"))).isEqualTo(3);
      assertThat(ExitCode.defect(new StackOverflowError())).isEqualTo(3);
      assertThat(ExitCode.of(new IllegalArgumentException("bad --matrix"))).isEqualTo(2);
    } finally {
      System.setErr(err);
    }
    assertThat(bytes.toString()).contains("a defect of dispatchcheck's").contains("java.lang.StackOverflowError")
        .contains("error: bad --matrix");
  }

  /** A deep recursion's stack is shown by its two ends, the middle said left out; a short stack whole. */
  @Test
  void aDefectsLongStackIsShownByItsEnds() {
    String deep = defectOutput(recursionOverflow());
    assertThat(deep.lines().count()).isLessThanOrEqualTo(1 + 40 + 1 + 10);
    assertThat(deep).containsPattern("\\.\\.\\. [0-9]+ lines of the stack left out \\.\\.\\.").contains("recurse");
    NullPointerException shallowOne = new NullPointerException("x");
    shallowOne.setStackTrace(java.util.Arrays.copyOf(shallowOne.getStackTrace(), 5));
    String shallow = defectOutput(shallowOne);
    assertThat(shallow).doesNotContain("left out").doesNotContain("\\x09")
        .contains("    at dev.dispatchcheck.run.ExitCodeTest.aDefectsLongStackIsShownByItsEnds");
    assertThat(shallow.lines().count()).isEqualTo(1 + 1 + 5);
  }

  /** A cause's heading in the stack's middle is kept; the frames around it are counted as left out. */
  @Test
  void aLongStacksCauseIsKept() {
    StringBuilder stack = new StringBuilder("java.lang.IllegalStateException: outer");
    for (int i = 0; i < 100; i++) stack.append("\n\tat a.B.c").append(i).append("(B.java:").append(i).append(')');
    stack.append("\nCaused by: java.io.IOException: the cause");
    for (int i = 0; i < 100; i++) stack.append("\n\tat d.E.f").append(i).append("(E.java:").append(i).append(')');
    String shown = ExitCode.shortened(stack.toString());
    assertThat(shown).contains("Caused by: java.io.IOException: the cause").contains("    at a.B.c0(B.java:0)")
        .contains("    at d.E.f99(E.java:99)").doesNotContain("a.B.c50(").doesNotContain("d.E.f50(")
        .contains("... 61 lines of the stack left out ...").contains("... 90 lines of the stack left out ...");
  }

  private static String defectOutput(Throwable t) {
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(bytes, true));
    try {
      ExitCode.defect(t);
    } finally {
      System.setErr(err);
    }
    return bytes.toString();
  }

  private static StackOverflowError recursionOverflow() {
    try {
      return recurse(0);
    } catch (StackOverflowError e) {
      return e;
    }
  }

  private static StackOverflowError recurse(int depth) {
    return recurse(depth + 1);
  }
}

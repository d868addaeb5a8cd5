package dev.dispatchcheck.dispatch.verdict;

/**
 * The harness proving it can say "fail": a verdict run against a wrong expectation or a
 * broken configuration must end in a {@link VerdictFailure} whose message says what really
 * happened. Anything else (the verdict passing, a {@link HarnessError}, any other
 * exception) is not a proof, so it fails the self-check; a harness error propagates as
 * itself, so that the report shows it as one.
 */
public final class SelfCheck {
  private SelfCheck() {}

  /** A verdict to run; it throws {@link VerdictFailure} when the expectation does not hold. */
  @FunctionalInterface
  public interface Verdict {
    void check();
  }

  public static void mustFail(String verdict, Verdict check, String saying) {
    try {
      check.check();
    } catch (VerdictFailure e) {
      if (e.getMessage() == null || !e.getMessage().contains(saying)) {
        throw new AssertionError("the verdict that " + verdict + " failed, as it should, but its message does not say \""
            + saying + "\":\n" + e.getMessage(), e);
      }
      return;
    }
    throw new AssertionError("the verdict that " + verdict + " should have failed, but it passed");
  }
}

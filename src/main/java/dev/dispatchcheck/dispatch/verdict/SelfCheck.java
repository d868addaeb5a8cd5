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

  /**
   * Runs {@code check}, which must fail as a verdict whose account of what happened says
   * {@code saying}. Where the message has the form "expected X, but it was Y ...", only
   * "Y ..." (the observation, the likely cause and the evidence) counts: the expectation
   * half echoes the step's own words and would prove nothing.
   */
  public static void mustFail(String verdict, Verdict check, String saying) {
    try {
      check.check();
    } catch (VerdictFailure e) {
      String observed = observedPart(String.valueOf(e.getMessage()));
      if (!observed.contains(saying)) {
        throw new SelfCheckFailure("the verdict that " + verdict + " failed, as it should, but what it observed does not say \""
            + saying + "\":\n" + e.getMessage(), e);
      }
      return;
    }
    throw new SelfCheckFailure("the verdict that " + verdict + " should have failed, but it passed", null);
  }

  static String observedPart(String message) {
    int i = message.indexOf("\nbut it was ");
    return i < 0 ? message : message.substring(i + 1);
  }

  /** A self-check that did not get the failure it needed: the harness could not prove it can fail. */
  public static final class SelfCheckFailure extends AssertionError {
    public SelfCheckFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

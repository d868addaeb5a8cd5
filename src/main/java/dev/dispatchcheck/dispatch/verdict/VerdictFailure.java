package dev.dispatchcheck.dispatch.verdict;

/**
 * An expectation that the evidence contradicts: the evidence is consistent, and it says
 * something else happened. The message states what was expected, what was observed and,
 * where the evidence points to one, the likely cause. Only this failure satisfies a
 * self-check.
 */
public final class VerdictFailure extends AssertionError {
  public VerdictFailure(String message) {
    super(message);
  }

  /** An AssertJ failure raised while judging observations is a verdict, kept with its cause. */
  public static VerdictFailure of(AssertionError assertion) {
    VerdictFailure f = new VerdictFailure(assertion.getMessage());
    f.initCause(assertion);
    return f;
  }
}

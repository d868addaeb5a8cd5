package dev.dispatchcheck.dispatch.verdict;

/**
 * The harness could not reach a verdict: its evidence sources disagree, a log stream
 * broke, or a wait timed out. It is never a verdict, so it fails the step it occurs in,
 * self-checks included, and the report labels it as what it is.
 */
public final class HarnessError extends RuntimeException {
  public static final String LABEL = "HARNESS ERROR";

  public HarnessError(String message) {
    super(LABEL + ": " + message);
  }

  public HarnessError(String message, Throwable cause) {
    super(LABEL + ": " + message, cause);
  }
}

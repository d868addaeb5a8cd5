package dev.dispatchcheck.suite;

/**
 * A failure as one line for the console and results.json: what was expected, what was
 * observed and the likely cause. A verdict's message spreads those over several lines
 * ("expected …,\nbut it was …\nLikely cause: …") and then lists its evidence; the first
 * line alone would say only what was expected. The evidence stays in the report.
 */
public final class FailureLine {
  /** Enough for a verdict and its cause; a stray command's output is cut here, not printed whole. */
  static final int MAX_LENGTH = 600;

  private FailureLine() {}

  static String of(Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int evidence = message.indexOf("\nEvidence:");
    String before = evidence < 0 ? message : message.substring(0, evidence);
    // Escaped: a failure may quote what a farm's files or the builds printed.
    String line = dev.dispatchcheck.dispatch.Printable.escape(before.replaceAll("\\s+", " ").strip());
    return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 1) + "…";
  }
}

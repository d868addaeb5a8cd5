package dev.dispatchcheck.report;

/**
 * How one scenario ended, as the console, the summary and the compatibility page show it.
 *
 * @param status passed, failed (a verdict), harness error, undefined, skipped, or error
 * @param message the failure in one line (expected, observed, likely cause; no evidence), empty when it passed
 */
public record ScenarioResult(String feature, int line, String name, String status, double seconds, String message,
    java.util.List<String> tags, String reportDir) {
  public static final String PASSED = "passed";
  public static final String FAILED = "FAILED";
  public static final String HARNESS_ERROR = "HARNESS ERROR";
  public static final String UNDEFINED = "UNDEFINED";
  public static final String SKIPPED = "skipped";
  public static final String ERROR = "ERROR";

  public ScenarioResult(String feature, int line, String name, String status, double seconds, String message,
      java.util.List<String> tags) {
    this(feature, line, name, status, seconds, message, tags, null);
  }

  /** The same result, read from the report directory {@code dir} (a pair's, or a shard's). */
  public ScenarioResult withReportDir(String dir) {
    return new ScenarioResult(feature, line, name, status, seconds, message, tags, dir);
  }

  public boolean passed() {
    return status.equals(PASSED);
  }
}

package dev.dispatchcheck.cli;

import dev.dispatchcheck.dispatch.Printable;
import dev.dispatchcheck.dispatch.verdict.HarnessError;
import dev.dispatchcheck.dispatch.verdict.SelfCheck;
import dev.dispatchcheck.dispatch.verdict.VerdictFailure;
import dev.dispatchcheck.run.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * One console line as each scenario starts and one as it ends, with its real status: a
 * verdict failure, a harness error and an undefined step are three different things.
 */
final class ScenarioListener implements TestExecutionListener {
  private final Progress progress;
  private final String prefix;
  private final Map<String, Long> started = new ConcurrentHashMap<>();
  private final List<ScenarioResult> results = new ArrayList<>();

  ScenarioListener(Progress progress, String prefix) {
    this.progress = progress;
    this.prefix = prefix;
  }

  List<ScenarioResult> results() {
    return List.copyOf(results);
  }

  @Override
  public void executionStarted(TestIdentifier id) {
    if (!id.isTest()) return;
    started.put(id.getUniqueId(), System.nanoTime());
    progress.say("[%s] scenario: %s (%s)", prefix, shown(id), where(id));
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    if (id.isTest()) record(id, ScenarioResult.SKIPPED, 0, reason);
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (!id.isTest()) {
      containerFailed(id, result);
      return;
    }
    double s = (System.nanoTime() - started.getOrDefault(id.getUniqueId(), System.nanoTime())) / 1e9;
    Throwable t = result.getThrowable().orElse(null);
    String status = switch (result.getStatus()) {
      case SUCCESSFUL -> ScenarioResult.PASSED;
      case ABORTED -> ScenarioResult.SKIPPED;
      case FAILED -> classify(t);
    };
    String message = t == null ? "" : FailureLine.of(t);
    record(id, status, s, message);
    progress.say("[%s] %s %s in %.1f s%s", prefix, status, shown(id), s,
        message.isEmpty() || status.equals(ScenarioResult.PASSED) ? "" : ": " + message);
  }

  /**
   * A feature or the engine itself that broke (glue that does not load, a hook before all
   * scenarios) is an error of its own: otherwise a run whose scenarios never started would
   * have no result that says so.
   */
  private void containerFailed(TestIdentifier id, TestExecutionResult result) {
    if (result.getStatus() != TestExecutionResult.Status.FAILED) return;
    String message = result.getThrowable().map(FailureLine::of).orElse("failed");
    record(id, ScenarioResult.ERROR, 0, message);
    progress.say("[%s] ERROR %s: %s", prefix, shown(id), message);
  }

  /** A scenario's name as the console shows it: a farm's feature files come with pull requests, so escaped. */
  private static String shown(TestIdentifier id) {
    return Printable.escape(id.getDisplayName());
  }

  /** A harness error wherever it hides in the cause chain; an undefined step by Cucumber's own exception. */
  static String classify(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof HarnessError) return ScenarioResult.HARNESS_ERROR;
    }
    if (t == null) return ScenarioResult.ERROR;
    if (t.getClass().getSimpleName().startsWith("Undefined")) return ScenarioResult.UNDEFINED;
    // A verdict, or a self-check that did not get its verdict failure; any other assertion
    // (a set-up command that exited non-zero, say) is the scenario breaking, not a verdict.
    return t instanceof VerdictFailure || t instanceof SelfCheck.SelfCheckFailure
        ? ScenarioResult.FAILED : ScenarioResult.ERROR;
  }

  private synchronized void record(TestIdentifier id, String status, double seconds, String message) {
    String[] w = where(id).split(":");
    results.add(new ScenarioResult(w[0], w.length > 1 ? Integer.parseInt(w[1]) : 0, id.getDisplayName(),
        status, seconds, message, id.getTags().stream().map(t -> t.getName()).sorted().toList()));
  }

  private static String where(TestIdentifier id) {
    return id.getSource().filter(FileSource.class::isInstance).map(FileSource.class::cast)
        .map(f -> f.getFile().getName() + f.getPosition().map(FilePosition::getLine).map(l -> ":" + l).orElse(""))
        .orElse("?");
  }
}

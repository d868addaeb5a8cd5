package dev.dispatchcheck.suite;

import dev.dispatchcheck.report.ScenarioResult;

import dev.dispatchcheck.dispatch.Printable;
import dev.dispatchcheck.dispatch.verdict.HarnessError;
import dev.dispatchcheck.dispatch.verdict.SelfCheck;
import dev.dispatchcheck.dispatch.verdict.VerdictFailure;
import dev.dispatchcheck.run.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * One console line as each scenario starts and one as it ends, with its real status: a
 * verdict failure, a harness error and an undefined step are three different things.
 */
public final class ScenarioListener implements TestExecutionListener {
  private final Progress progress;
  private final String prefix;
  private final Map<String, Long> started = new ConcurrentHashMap<>();
  private final List<ScenarioResult> results = new ArrayList<>();
  /** Planned scenarios by unique id, in plan order. */
  private final Map<String, TestIdentifier> planned = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
  private final java.util.Set<String> recorded = ConcurrentHashMap.newKeySet();
  private final List<String> broken = new java.util.concurrent.CopyOnWriteArrayList<>();

  public ScenarioListener(Progress progress, String prefix) {
    this.progress = progress;
    this.prefix = prefix;
  }

  /** The scenarios the run was asked for, as the engine planned them: what the results are counted against. */
  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    guarded("the plan", () -> plan.getRoots().forEach(r -> plan.getDescendants(r).stream().filter(TestIdentifier::isTest)
        .forEach(this::planned)));
  }

  void planned(TestIdentifier scenario) {
    planned.put(scenario.getUniqueId(), scenario);
  }

  @Override
  public void executionStarted(TestIdentifier id) {
    if (!id.isTest()) return;
    guarded(id.getDisplayName(), () -> {
      started.put(id.getUniqueId(), System.nanoTime());
      progress.say("[%s] scenario: %s (%s)", prefix, shown(id), where(id));
    });
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    if (id.isTest()) guarded(id.getDisplayName(), () -> record(id, ScenarioResult.SKIPPED, 0, reason));
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    guarded(id.getDisplayName(), () -> finished(id, result));
  }

  private void finished(TestIdentifier id, TestExecutionResult result) {
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
   * The results, each planned scenario's exactly once. A scenario that ended without a
   * result of its own (the engine lost it, or this listener broke on it) gets a harness
   * error that names it, and so does a break of this listener: the JUnit Platform would log
   * a listener's exception and go on, and a failed expectation would vanish from the count.
   */
  public List<ScenarioResult> results() {
    List<ScenarioResult> out;
    synchronized (this) {
      out = new ArrayList<>(results);
    }
    planned.forEach((uid, id) -> {
      if (!recorded.contains(uid)) {
        out.add(result(id, ScenarioResult.HARNESS_ERROR, 0, "the run gave no result for this scenario, so whether it"
            + " holds is unknown" + (broken.isEmpty() ? "" : " (the harness broke: " + String.join("; ", broken) + ")")));
      }
    });
    if (planned.isEmpty() && !broken.isEmpty()) {
      out.add(new ScenarioResult("?", 0, "(the run)", ScenarioResult.HARNESS_ERROR, 0,
          "the harness broke: " + String.join("; ", broken), List.of()));
    }
    return List.copyOf(out);
  }

  /** Runs a listener's work; what it throws is kept for {@link #results}, never lost. */
  private void guarded(String what, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException | StackOverflowError e) {
      broken.add("recording '" + what + "' failed: " + e);
      progress.say("[%s] HARNESS ERROR while recording %s: %s", prefix, what, e);
    }
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
  public static String classify(Throwable t) {
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
    // A scenario that ends twice (a container's failure after its tests, say) keeps its first result.
    if (id.isTest() && !recorded.add(id.getUniqueId())) return;
    results.add(result(id, status, seconds, message));
  }

  /** The file's name and the line kept apart: a file's name may hold ':' or anything else. */
  private static ScenarioResult result(TestIdentifier id, String status, double seconds, String message) {
    Optional<FileSource> source = source(id);
    return new ScenarioResult(source.map(f -> f.getFile().getName()).orElse("?"),
        source.flatMap(FileSource::getPosition).map(FilePosition::getLine).orElse(0), id.getDisplayName(),
        status, seconds, message, id.getTags().stream().map(t -> t.getName()).sorted().toList());
  }

  private static Optional<FileSource> source(TestIdentifier id) {
    return id.getSource().filter(FileSource.class::isInstance).map(FileSource.class::cast);
  }

  private static String where(TestIdentifier id) {
    return source(id).map(f -> f.getFile().getName() + f.getPosition().map(p -> ":" + p.getLine()).orElse(""))
        .orElse("?");
  }
}

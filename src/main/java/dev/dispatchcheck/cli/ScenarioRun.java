package dev.dispatchcheck.cli;

import dev.dispatchcheck.run.Progress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * One run of a selection of scenarios on the Cucumber engine of the JUnit Platform, for
 * one Nix pair, with the reports written to that pair's directory. Self-checks left out of
 * a run are excluded from its plan, not counted as skipped.
 */
final class ScenarioRun {
  private final ScenarioSelection selection;
  private final Path reportDir;
  private int parallelism = 1;

  ScenarioRun(ScenarioSelection selection, Path reportDir) {
    this.selection = selection;
    this.reportDir = reportDir;
  }

  /** How many scenarios run at once; each has its own network and hosts. */
  ScenarioRun parallel(int n) {
    this.parallelism = Math.max(1, n);
    return this;
  }

  List<ScenarioResult> run(Progress progress, String label) {
    ScenarioListener listener = new ScenarioListener(progress, label);
    LauncherFactory.create().execute(selection.request(configuration()).build(), listener);
    return listener.results();
  }

  /** Parallelism, and the reports going to this pair's directory. */
  private Map<String, String> configuration() {
    Map<String, String> out = new HashMap<>();
    if (parallelism > 1) {
      out.put("cucumber.execution.parallel.enabled", "true");
      out.put("cucumber.execution.parallel.config.strategy", "fixed");
      out.put("cucumber.execution.parallel.config.fixed.parallelism", String.valueOf(parallelism));
      out.put("cucumber.execution.parallel.config.fixed.max-pool-size", String.valueOf(parallelism));
    }
    out.put("cucumber.plugin", "html:" + reportDir.resolve("cucumber.html") + ",message:"
        + reportDir.resolve("cucumber.ndjson") + ",junit:" + reportDir.resolve("cucumber.xml"));
    return out;
  }
}

package dev.dispatchcheck.suite;

import dev.dispatchcheck.report.ScenarioResult;

import dev.dispatchcheck.run.PairHandOff;
import dev.dispatchcheck.run.Progress;
import dev.dispatchcheck.run.RunSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * One run of a selection of scenarios on the Cucumber engine of the JUnit Platform, for
 * one Nix pair, with the reports written to that pair's directory. The pair's settings
 * reach the scenarios through {@link PairHandOff} while the engine runs. Self-checks left
 * out of a run are excluded from its plan, not counted as skipped.
 */
public final class ScenarioRun {
  private final ScenarioSelection selection;
  private final RunSettings pair;
  private int parallelism = 1;

  public ScenarioRun(ScenarioSelection selection, RunSettings pair) {
    this.selection = selection;
    this.pair = pair;
  }

  /** How many scenarios run at once; each has its own network and hosts. */
  public ScenarioRun parallel(int n) {
    this.parallelism = Math.max(1, n);
    return this;
  }

  public List<ScenarioResult> run(Progress progress, String label) {
    ScenarioListener listener = new ScenarioListener(progress, label);
    try (PairHandOff handOff = PairHandOff.open(pair)) {
      LauncherFactory.create().execute(selection.request(configuration()).build(), listener);
    }
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
    Path reportDir = pair.reportDir();
    out.put("cucumber.plugin", "html:" + reportDir.resolve("cucumber.html") + ",message:"
        + reportDir.resolve("cucumber.ndjson") + ",junit:" + reportDir.resolve("cucumber.xml"));
    return out;
  }
}

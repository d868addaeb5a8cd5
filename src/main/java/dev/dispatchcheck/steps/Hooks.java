package dev.dispatchcheck.steps;

import dev.dispatchcheck.dispatch.evidence.DispatchTable;
import dev.dispatchcheck.driver.probe.BuildRun;
import dev.dispatchcheck.driver.farm.AgentHost;
import dev.dispatchcheck.run.EvidenceNames;
import dev.dispatchcheck.run.PairHandOff;
import dev.dispatchcheck.run.SystemProperties;
import io.cucumber.java.After;
import io.cucumber.java.AfterAll;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * After each scenario: attach what it gathered (each build's log, the dispatch table, the
 * agent user's effective settings) to the report and to the pair's evidence directory,
 * then dispose of the farm, whether the scenario passed or failed.
 */
public class Hooks {
  private final World world;

  public Hooks(World world) {
    this.world = world;
  }

  @Before
  public void remember(Scenario scenario) {
    world.setScenario(scenario);
    // Scenarios may run in parallel: each one's lines say whose they are.
    world.settings().progress().setContext("[" + Path.of(scenario.getUri()).getFileName() + ":" + scenario.getLine() + "]");
  }

  /**
   * The IDE/Maven runner's warm hosts go when its scenarios are done. Under the command
   * line, the run owns them: they serve its further scenario runs (the next pair, the
   * benchmark's repeats, the example farms) and go when the command ends. Static, as
   * Cucumber wants it: hence the hand-off is asked.
   */
  @AfterAll
  public static void removeWarmHosts() {
    if (PairHandOff.current().isEmpty()) SystemProperties.endStandaloneRun();
  }

  @After
  public void attachEvidenceAndDispose(Scenario scenario) {
    try {
      if (world.hasFarm()) attachEvidence(scenario);
    } finally {
      world.dispose();
    }
  }

  private void attachEvidence(Scenario scenario) {
    Path dir = world.settings().evidenceDir().resolve(slug(scenario));
    List<BuildRun> builds = world.builds();
    attach(scenario, dir, "nix-versions.txt", "Nix versions", String.join("\n", world.farm().nixVersions()) + "\n");
    String table;
    try {
      table = DispatchTable.render(builds.stream()
          .map(b -> new DispatchTable.Row(b.who(), b.probe().describe(), world.recordOf(b))).toList());
    } catch (RuntimeException e) {
      table = "no dispatch table: " + e.getMessage();
    }
    attach(scenario, dir, "dispatch-table.txt", "Dispatch table", table);
    for (int i = 0; i < builds.size(); i++) {
      BuildRun b = builds.get(i);
      String name = String.format("build-%02d-%s-%s.log", i + 1, b.user(), b.probe().system());
      attach(scenario, dir, name, "Build " + (i + 1) + " log (" + b.user() + ", " + b.probe().describe() + ")",
          b.describe());
      write(dir, name.replace(".log", ".internal-json.log"), b.rawLog());
    }
    String settings;
    String state;
    try {
      settings = world.farm().effectiveSettings(ParameterTypes.AGENT_HOST, AgentHost.AGENT_USER);
      state = world.farm().facts(ParameterTypes.AGENT_HOST, AgentHost.AGENT_USER).describe();
    } catch (RuntimeException e) {
      settings = state = "could not read: " + e.getMessage();
    }
    attach(scenario, dir, "agent-host-state.txt", "The daemon's view of " + AgentHost.AGENT_USER, state);
    attach(scenario, dir, "agent-effective-nix-settings.txt",
        "Effective Nix settings of " + AgentHost.AGENT_USER + " (nix show-config)", settings);
  }

  private static void attach(Scenario scenario, Path dir, String file, String title, String text) {
    scenario.attach(text, "text/plain", title);
    write(dir, file, text);
  }

  /** Evidence too raw for the HTML report goes to the evidence directory only. */
  private static void write(Path dir, String file, String text) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String slug(Scenario scenario) {
    return EvidenceNames.slug(Path.of(scenario.getUri()).getFileName().toString(), scenario.getName(), scenario.getLine());
  }
}

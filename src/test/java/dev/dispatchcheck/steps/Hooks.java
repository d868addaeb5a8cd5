package dev.dispatchcheck.steps;


import dev.dispatchcheck.driver.build.BuildRun;
import dev.dispatchcheck.dispatch.evidence.DispatchTable;
import dev.dispatchcheck.driver.farm.AgentHost;
import dev.dispatchcheck.driver.farm.Topology;
import dev.dispatchcheck.run.Progress;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.BeforeAll;
import io.cucumber.java.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * After each scenario: attach what it gathered (each build's log, the dispatch table, the
 * agent user's effective settings) to the report and to reports/evidence/, then dispose of
 * the farm, whether the scenario passed or failed.
 */
public class Hooks {
  private final World world;
  private long started;

  public Hooks(World world) {
    this.world = world;
  }

  /** Evidence of an earlier run must not pass for this run's. */
  @BeforeAll
  public static void clearOldEvidence() throws IOException {
    Path dir = Path.of("reports", "evidence");
    if (!Files.exists(dir)) return;
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  /** One line a scenario on the console; the HTML report has the rest. */
  @Before
  public void announce(Scenario scenario) {
    started = System.nanoTime();
    world.setScenario(scenario);
    Progress.say("scenario: %s (%s:%d)", scenario.getName(), Path.of(scenario.getUri()).getFileName(), scenario.getLine());
  }

  @After
  public void attachEvidenceAndDispose(Scenario scenario) {
    Progress.say("%s %s in %.1f s", scenario.isFailed() ? "FAILED" : "passed", scenario.getName(),
        (System.nanoTime() - started) / 1e9);
    try {
      if (world.hasFarm()) attachEvidence(scenario);
    } finally {
      world.dispose();
    }
  }

  private void attachEvidence(Scenario scenario) {
    Path dir = Path.of("reports", "evidence", slug(scenario));
    List<BuildRun> builds = world.builds();
    attach(scenario, dir, "nix-versions.txt", "Nix versions", world.farm().hosts().stream()
        .map(h -> h.name() + ": " + h.nixVersionText()).collect(Collectors.joining("\n", "", "\n")));
    attach(scenario, dir, "dispatch-table.txt", "Dispatch table", DispatchTable.render(builds, world::recordOf));
    for (int i = 0; i < builds.size(); i++) {
      BuildRun b = builds.get(i);
      String name = String.format("build-%02d-%s-%s.log", i + 1, b.user(), b.probe().system());
      attach(scenario, dir, name, "Build " + (i + 1) + " log (" + b.user() + ", " + b.probe().system() + ")",
          b.describe());
      write(dir, name.replace(".log", ".internal-json.log"), b.rawLog());
    }
    String settings;
    String state;
    try {
      settings = world.farm().agent().effectiveSettings(AgentHost.AGENT_USER);
      state = world.farm().facts(Topology.AGENT, AgentHost.AGENT_USER).describe();
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

  /** Evidence too raw for the HTML report goes to reports/.../evidence/ only. */
  private static void write(Path dir, String file, String text) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String slug(Scenario scenario) {
    String feature = Path.of(scenario.getUri()).getFileName().toString().replace(".feature", "");
    return feature + "--" + scenario.getName().toLowerCase().replaceAll("[^a-z0-9]+", "-")
        .replaceAll("(^-|-$)", "") + "--line" + scenario.getLine();
  }
}

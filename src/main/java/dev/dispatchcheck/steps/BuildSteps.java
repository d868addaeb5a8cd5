package dev.dispatchcheck.steps;

import dev.dispatchcheck.dispatch.Probe;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;
import java.util.stream.IntStream;

/** Running the guide's check, {@code sudo -u USER nix-build ...}, with fresh probes. */
public class BuildSteps {
  /** Long enough for concurrent builds to overlap on their builders. */
  private static final int CONCURRENT_SECONDS = 3;
  /** How long a chatty probe waits before its flood of log: long enough for a step to put a fault in first. */
  private static final int FLOOD_PAUSE_SECONDS = 3;

  private final World world;

  public BuildSteps(World world) {
    this.world = world;
  }

  @When("{user} builds a probe for {system}")
  public void buildsOne(String user, String system) {
    world.build(ParameterTypes.AGENT_HOST, user, Probe.salted(system));
  }

  @When("{user} on {host} builds a probe for {system}")
  public void buildsOneOn(String user, String host, String system) {
    world.build(host, user, Probe.salted(system));
  }

  @When("{user} builds a probe for {system} requiring {features}")
  public void buildsOneRequiring(String user, String system, java.util.Set<String> features) {
    world.build(ParameterTypes.AGENT_HOST, user, Probe.salted(system).requiring(features));
  }

  @When("{user} builds {int} probes for {system}, one after another")
  public void buildsInSequence(String user, int count, String system) {
    for (int i = 0; i < count; i++) world.build(ParameterTypes.AGENT_HOST, user, Probe.salted(system));
  }

  @When("{user} builds {int} probes for {system} at the same time")
  public void buildsAtOnce(String user, int count, String system) {
    world.build(IntStream.range(0, count)
        .mapToObj(i -> new World.Request(ParameterTypes.AGENT_HOST, user, Probe.salted(system).lasting(CONCURRENT_SECONDS)))
        .toList());
  }

  /** A measured figure for the report, never a pass/fail bound (speed belongs in benchmarks). */
  @Then("the report notes how long {user}'s build took")
  public void notesDuration(String user) {
    var run = world.lastBuildOf(user);
    world.note(String.format("%s's %s build took %.1f s from start to exit: %s", user, run.probe().system(),
        run.elapsed().toMillis() / 1000.0, world.recordOf(run).summary()));
  }

  /** A derivation whose builder exits 0 and never creates {@code out}. */
  @When("{user} builds a probe for {system} that never creates its output")
  public void buildsOneWithoutOutput(String user, String system) {
    world.build(ParameterTypes.AGENT_HOST, user, Probe.salted(system).withoutOutput());
  }

  /**
   * A chatty build: it waits {@link #FLOOD_PAUSE_SECONDS} on its builder, time for a fault to
   * come first, then prints; a later build of it on the same builder prints nothing.
   */
  @When("{user} starts a probe for {system} that prints {mib} MiB of log on its first run, without waiting for it")
  public void startsFlooding(String user, String system, int mib) {
    world.startBuild(ParameterTypes.AGENT_HOST, user, Probe.salted(system).lasting(FLOOD_PAUSE_SECONDS).flooding(mib));
  }

  /** The same derivation as another user's last build, from another host: the same output path, the same locks. */
  @When("{user} on {host} starts {user}'s last probe, without waiting for it")
  public void startsSameProbe(String user, String host, String whose) {
    world.startBuild(host, user, world.lastProbeOf(whose));
  }

  @When("{user}'s build has started on {builder}")
  public void hasStartedOn(String user, String builder) {
    world.awaitStartOn(world.lastBuildOf(user), builder);
  }

  /** As Ctrl-C on nix-build: the client goes away cleanly. */
  @When("{user}'s build is interrupted")
  public void interrupted(String user) {
    world.interrupt(world.lastBuildOf(user));
  }

  /** A build that may never end: started, not waited for; a verdict then watches it. */
  @When("{user} starts a probe for {system} without waiting for it")
  public void startsOne(String user, String system) {
    world.startBuild(ParameterTypes.AGENT_HOST, user, Probe.salted(system));
  }

  /** The guide's check without changing {@code n}: the same derivation as last time. */
  @When("{user} builds the same probe again")
  public void buildsSameAgain(String user) {
    world.build(ParameterTypes.AGENT_HOST, user, world.lastProbeOf(user));
  }

  @When("these builds run at the same time:")
  public void buildsTable(List<World.Request> requests) {
    world.build(requests.stream()
        .map(r -> new World.Request(r.host(), r.user(), r.probe().lasting(CONCURRENT_SECONDS))).toList());
  }
}

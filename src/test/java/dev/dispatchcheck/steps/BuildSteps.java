package dev.dispatchcheck.steps;

import dev.dispatchcheck.build.Probe;
import io.cucumber.java.en.When;

/** Running the guide's check, {@code sudo -u USER nix-build ...}, with a fresh probe. */
public class BuildSteps {
  private final World world;

  public BuildSteps(World world) {
    this.world = world;
  }

  @When("{user} builds a probe for {system}")
  public void buildsOne(String user, String system) {
    world.build(user, Probe.salted(system));
  }

  @When("{user} builds {int} probes for {system}, one after another")
  public void buildsSeveral(String user, int count, String system) {
    for (int i = 0; i < count; i++) world.build(user, Probe.salted(system));
  }
}

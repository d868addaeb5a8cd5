package dev.dispatchcheck.steps;

import dev.dispatchcheck.dispatch.Probe;
import dev.dispatchcheck.dispatch.config.NixSettings;
import dev.dispatchcheck.dispatch.evidence.EffectPath;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds that an effect of the agent's starts: through a proxy daemon of the agent's, from
 * a client with the effect's environment (driver/farm/Effect.java). Each is a build of
 * the agent's, so every expectation about "the agent's build" applies to it.
 */
public class EffectSteps {
  private final World world;
  /** The agent configuration's nixSettings, for every effect of this scenario: a farm's under check, unless a step says. */
  private NixSettings nixSettings;

  public EffectSteps(World world) {
    this.world = world;
  }

  /** In nix.conf syntax, one setting a line; a malformed line, an include or a name twice fails with its line number. */
  @Given("the agent's nixSettings say:")
  public void nixSettings(String text) {
    nixSettings = NixSettings.parse(text);
  }

  @When("an effect of the agent builds a probe for {system}")
  public void buildsOne(String system) {
    build(List.of(Probe.salted(system)), Optional.empty());
  }

  @When("an effect of the agent builds a probe for {system} requiring {features}")
  public void buildsOneRequiring(String system, Set<String> features) {
    build(List.of(Probe.salted(system).requiring(features)), Optional.empty());
  }

  /** The effect's nix-build names builders of its own ({@code --builders}); "" switches remote builds off. */
  @When("an effect of the agent builds a probe for {system} with its own builders {string}")
  public void buildsOneWithBuilders(String system, String builders) {
    build(List.of(Probe.salted(system)), Optional.of(builders));
  }

  @When("an effect of the agent builds {int} probes for {system}, one after another")
  public void buildsInSequence(int count, String system) {
    for (int i = 0; i < count; i++) build(List.of(Probe.salted(system)), Optional.empty());
  }

  private void build(List<Probe> probes, Optional<String> ownBuilders) {
    if (nixSettings == null) {
      // As deployed: a hook in nixSettings is neutralised unless the farm's commands run.
      nixSettings = world.settings().farm().map(f -> f.deployment().layout().nixSettings()).orElse(NixSettings.none());
    }
    EffectPath path = EffectPath.of(nixSettings.asMap(), ownBuilders);
    world.awaitAll(() -> probes.stream().map(p -> world.farm().effectBuild(path, p)).toList());
  }
}

package dev.dispatchcheck.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.config.MachinesFile;
import dev.dispatchcheck.config.NixConf;
import dev.dispatchcheck.farm.AgentHost;
import dev.dispatchcheck.farm.BuilderSpec;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import java.util.List;
import java.util.Map;

/** Hosts and their configuration. */
public class FarmSteps {
  private final World world;

  public FarmSteps(World world) {
    this.world = world;
  }

  @Given("remote builders that claim foreign systems:")
  public void remoteBuilders(List<Map<String, String>> rows) {
    world.startFarm(rows.stream()
        .map(r -> new BuilderSpec(r.get("builder"), List.of(r.get("systems").split(",\\s*"))))
        .toList());
  }

  @Given("the agent host's system machines file \\(\\/etc\\/nix\\/machines) says:")
  public void systemMachines(MachinesFile machines) {
    world.farm().agent().host().writeFile("/etc/nix/machines", machines.render(), "root");
  }

  @Given("the agent host's system nix.conf says:")
  public void systemNixConf(NixConf conf) {
    world.farm().agent().host().setSystemNixConf(conf);
  }

  @Given("the agent's own nix.conf says:")
  public void agentNixConf(NixConf conf) {
    world.farm().agent().host().writeFile(AgentHost.AGENT_HOME + "/.config/nix/nix.conf",
        conf.render(), AgentHost.AGENT_USER);
  }

  @When("{user} runs on the agent host:")
  public void runsOnAgent(String user, String script) {
    var result = world.farm().agent().host().shell(user, "set -e\n" + script);
    assertThat(result.getExitCode()).as("exit code of:%n%s%n%s", script, result.getStderr()).isZero();
  }
}

package dev.dispatchcheck.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchcheck.dispatch.config.MachinesFile;
import dev.dispatchcheck.dispatch.config.NixConf;
import dev.dispatchcheck.driver.farm.AgentHost;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;

/** Hosts, their files, and commands run on them. */
public class FarmSteps {
  private final World world;

  public FarmSteps(World world) {
    this.world = world;
  }

  @Given("remote builders that claim foreign systems:")
  public void remoteBuilders(List<ParameterTypes.BuilderRow> builders) {
    world.startFarm(GuideFarm.of(builders, world.settings()));
  }

  /** Under {@code ./dispatchcheck check FARM_DIR}: the operator's files on the agent host, stand-ins for its builders. */
  @Given("the farm under check")
  public void farmUnderCheck() {
    world.startFarmUnderCheck();
  }

  @Given("a client host besides the agent host")
  public void clientHost() {
    world.farm().addClient(ParameterTypes.CLIENT);
  }

  /** A client that builds the very derivations the agent host builds: the same Nix, the same image. */
  @Given("a client host besides the agent host, with the agent host's Nix")
  public void clientHostLikeTheAgentHost() {
    world.farm().addClient(ParameterTypes.CLIENT, world.settings().agentNix());
  }

  @Given("the agent host's system machines file \\(\\/etc\\/nix\\/machines) says:")
  public void systemMachines(String text) {
    MachinesFile.parse(text); // a malformed line fails here, with its line number
    // Written as given, comments and ';' included: how Nix reads them differs by version.
    world.farm().agent().host().writeFile("/etc/nix/machines", text.endsWith("\n") ? text : text + "\n", "root");
  }

  @Given("the agent host's system nix.conf says:")
  public void agentSystemNixConf(NixConf conf) {
    world.farm().agent().host().setSystemNixConf(conf);
  }

  @Given("the agent's own nix.conf says:")
  public void agentNixConf(NixConf conf) {
    world.farm().agent().host().writeFile(AgentHost.AGENT_HOME + "/.config/nix/nix.conf",
        conf.render(), AgentHost.AGENT_USER);
  }

  @Given("the file {string} on {host} says:")
  public void fileSays(String path, String host, String content) {
    world.farm().host(host).applyFile(path, content);
  }

  @Given("root copies {string} from {host} to {string} on {host}")
  public void copies(String from, String fromHost, String to, String toHost) {
    String content = world.farm().host(fromHost).readFile(from)
        .orElseThrow(() -> new IllegalStateException(from + " does not exist on " + fromHost));
    world.farm().host(toHost).applyFile(to, content);
  }

  @When("{builder} goes down")
  public void goesDown(String builder) {
    world.farm().host(builder).stop();
  }

  /** Its sshd accepts connections but never answers: the container is paused. */
  @When("{builder} freezes")
  public void freezes(String builder) {
    world.farm().host(builder).freeze();
  }

  /** Its link drops, as a laptop's Wi-Fi does: its peers are told nothing. */
  @When("{host} drops off the network")
  public void dropsOff(String host) {
    world.farm().host(host).dropOffNetwork();
  }

  /** What happens between two scenarios that share hosts. */
  @When("the farm is reset for the next scenario")
  public void reset() {
    world.farm().reset();
  }

  /** What the pool does between two scenarios that share hosts, failed hosts replaced included. */
  @When(StepOrder.HAND_OVER)
  public void handOver() {
    world.handOver();
  }

  @When("{user} runs on {host}:")
  public void runs(String user, String host, String script) {
    var r = world.farm().host(host).shell(user, "set -e\n" + script);
    assertThat(r.exitCode()).as("exit status of%n%s%nstderr: %s", script, r.stderr()).isZero();
  }

  /** The guide's commands exactly as printed, even where they fail: the scenario checks what they leave. */
  @When("{user} runs on {host}, whatever the exit status:")
  public void runsMayFail(String user, String host, String script) {
    world.farm().host(host).shell(user, script);
  }


}

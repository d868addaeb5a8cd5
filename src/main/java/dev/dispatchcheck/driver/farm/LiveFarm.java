package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.dispatch.layout.HarnessHosts;
import dev.dispatchcheck.driver.host.NixHost;
import dev.dispatchcheck.run.FarmUnderCheck;
import dev.dispatchcheck.run.LiveTarget;
import dev.dispatchcheck.run.RunSettings;
import java.util.List;

/**
 * The farm under check as it runs: its agent host reached over SSH ({@link NixHost#live}),
 * read-only, and the builders its files name, asked through it ({@link LiveHosts}). The
 * same {@link Farm}, so the map, the steps and the investigation are those of the stand-ins.
 */
public final class LiveFarm {
  private LiveFarm() {}

  public static Farm connect(FarmUnderCheck underCheck, LiveTarget target, RunSettings settings, List<String> notes) {
    NixHost agent = NixHost.live(HarnessHosts.AGENT, target);
    List<LiveHosts.BuilderStore> builders = underCheck.plan().standIns().stream().map(LiveHosts::storeOf).toList();
    notes.add("live: the agent host is " + target.shown() + " (" + agent.nixVersionText() + "), reached over SSH with"
        + " the known_hosts file " + target.knownHosts() + " and " + target.identity().map(p -> "the identity file " + p)
            .orElse("the ssh-agent's keys") + "; only probe builds (salted, --no-out-link, no GC root) and reads ran on it");
    notes.add("live: the probe's builder is /bin/sh (builtins only) and it notes no journal; a build's evidence is the"
        + " client's log and each builder's store, asked from the agent host as root through Nix and root's own SSH"
        + " set-up (the path's presence and its deriver)");
    builders.forEach(b -> notes.add("live: the store of " + b.host() + " is asked as " + b.uri()));
    try {
      return Farm.live(new FarmSpec(List.of(HostSpec.agent(HarnessHosts.AGENT, agent.version())), notes), settings,
          new LiveHosts(agent, builders));
    } catch (RuntimeException e) {
      agent.close();
      throw e;
    }
  }
}

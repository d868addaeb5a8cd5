package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.dispatch.config.NixConf;
import dev.dispatchcheck.driver.host.NixHost;
import java.util.List;

/**
 * A remote builder: sshd plus Nix, claiming foreign systems through {@code extra-platforms}.
 * Nix compares system strings only, so an x86-64 container that claims aarch64-linux
 * builds the probe for it; the agent, lacking the claim, must dispatch.
 */
public final class RemoteBuilder {
  private final NixHost host;
  private final List<String> systems;

  RemoteBuilder(NixHost host, List<String> systems) {
    this.host = host;
    this.systems = List.copyOf(systems);
  }

  public String name() {
    return host.name();
  }

  public NixHost host() {
    return host;
  }

  public List<String> systems() {
    return systems;
  }

  /** max-jobs 1 so that concurrent builds must spread over builders. */
  NixConf nixConf() {
    return NixConf.parse("extra-platforms = " + String.join(" ", systems) + "\nmax-jobs = 1\n");
  }
}

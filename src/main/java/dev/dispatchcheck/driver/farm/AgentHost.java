package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.driver.host.NixHost;

/** The agent host: the Nix daemon, the hercules-ci-agent user, an ordinary user, and root's SSH key. */
public final class AgentHost {
  public static final String AGENT_USER = "hercules-ci-agent";
  public static final String AGENT_HOME = "/var/lib/hercules-ci-agent";
  public static final String ORDINARY_USER = "alice";

  private final NixHost host;

  AgentHost(NixHost host) {
    this.host = host;
  }

  public NixHost host() {
    return host;
  }

  public String name() {
    return host.name();
  }
}

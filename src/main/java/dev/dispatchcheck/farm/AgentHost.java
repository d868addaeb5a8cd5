package dev.dispatchcheck.farm;

import dev.dispatchcheck.build.BuildRun;
import dev.dispatchcheck.build.Probe;
import dev.dispatchcheck.host.NixHost;
import java.util.List;

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

  /** A fresh key for root each run: the daemon's build hook runs as root, whoever asked. */
  String generateRootKey() {
    host.shellOrFail("root", "mkdir -p -m 700 /root/.ssh && rm -f /root/.ssh/id_ed25519*"
        + " && ssh-keygen -q -t ed25519 -N '' -C dispatchcheck-run -f /root/.ssh/id_ed25519");
    return host.readFile("/root/.ssh/id_ed25519.pub").orElseThrow();
  }

  void trustHostKeys(List<String> knownHostsLines) {
    host.writeFile("/root/.ssh/known_hosts", String.join("\n", knownHostsLines) + "\n", "root");
  }

  public BuildRun build(String user, Probe probe) {
    return BuildRun.start(host, user, probe);
  }

  /** The settings Nix uses for {@code user}, as {@code nix show-config} prints them. */
  public String effectiveSettings(String user) {
    return host.shellOrFail(user, "nix --extra-experimental-features nix-command show-config");
  }
}

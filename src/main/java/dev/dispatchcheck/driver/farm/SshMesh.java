package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.dispatch.Shell;
import dev.dispatchcheck.driver.host.NixHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Root's SSH on every host of a farm: a key made fresh for this run (never committed),
 * authorized for root, and every host's fresh host key in every root's known_hosts. Root's,
 * because the daemon's build hook runs as root whichever user started the build. This is
 * part of a warm host's pristine state; the SSH users a scenario's machines lines name are
 * added per scenario ({@link #usersScript}). Scenarios that need a broken link break it
 * explicitly afterwards.
 */
final class SshMesh {
  private SshMesh() {}

  /**
   * The script that makes root's key if root has none, then prints root's public key and
   * the host's own public key, a line each: what {@link #wire} needs of a host. Run in the
   * same command as whatever else a host needs once started.
   */
  static String keysScript(NixHost h) {
    return "mkdir -p -m 700 /root/.ssh"
        + " && { [ -f /root/.ssh/id_ed25519 ] || ssh-keygen -q -t ed25519 -N '' -C "
        + Shell.quote("dispatchcheck-" + h.name()) + " -f /root/.ssh/id_ed25519; }"
        + " && cat /root/.ssh/id_ed25519.pub /etc/ssh/ssh_host_ed25519_key.pub\n";
  }

  /**
   * Wires root's SSH between {@code hosts} and returns the authorized_keys text (every
   * root's public key). {@code printed} holds what {@link #keysScript} printed on the hosts
   * that ran it already; the others run it now.
   */
  static String wire(List<NixHost> hosts, Map<String, String> printed) {
    // Hosts are independent here, so each step runs on all of them at once.
    List<String[]> keys = Concurrently.map(hosts, h -> Optional.ofNullable(printed.get(h.name()))
        .orElseGet(() -> h.shellOrFail("root", keysScript(h))).strip().split("\n"));
    List<String> publicKeys = new ArrayList<>();
    List<String> knownHosts = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) {
      publicKeys.add(keys.get(i)[0].strip());
      String[] hostKey = keys.get(i)[1].strip().split("\\s+");
      knownHosts.add(hosts.get(i).name() + " " + hostKey[0] + " " + hostKey[1]);
    }
    String authorized = String.join("\n", publicKeys) + "\n";
    String known = String.join("\n", knownHosts) + "\n";
    Concurrently.forEach(hosts, h -> h.writeFiles(Map.of(
        "/root/.ssh/authorized_keys", authorized, "/root/.ssh/known_hosts", known)));
    return authorized;
  }

  /** A script that makes each of {@code users} a login user whose authorized_keys hold {@code authorized}. */
  static String usersScript(List<String> users, String authorized) {
    StringBuilder script = new StringBuilder();
    for (String user : users) {
      // A machines line's user@.
      script.append("u=").append(Shell.quote(user)).append("\n")
          .append("id -u \"$u\" >/dev/null 2>&1 || useradd --create-home --shell /bin/sh \"$u\"\n")
          .append("h=$(getent passwd \"$u\" | cut -d: -f6); install -d -m 700 -o \"$u\" \"$h/.ssh\"\n")
          .append("printf '%s' ").append(Shell.quote(authorized)).append(" > \"$h/.ssh/authorized_keys\";")
          .append(" chown \"$u:\" \"$h/.ssh/authorized_keys\"\n");
    }
    return script.toString();
  }
}

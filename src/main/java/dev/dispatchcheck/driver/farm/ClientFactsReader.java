package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.dispatch.evidence.ClientFacts;
import dev.dispatchcheck.dispatch.config.Machine;
import dev.dispatchcheck.dispatch.config.MachinesFile;
import dev.dispatchcheck.dispatch.config.MachinesFileException;
import dev.dispatchcheck.dispatch.config.NixConf;
import dev.dispatchcheck.driver.host.NixHost;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the daemon's view of a user from a client host: the system's settings (asked of
 * Nix as root), the user's own nix.conf, and the files its builders value names. Nix logs
 * neither an ignored untrusted setting (2.8) nor a missing machines file, so the harness
 * looks for itself.
 */
final class ClientFactsReader {
  private ClientFactsReader() {}

  static ClientFacts read(NixHost host, String user) {
    NixConf system = NixConf.parse(host.showConfig("root"));
    NixConf asUser = NixConf.parse(host.showConfig(user));
    String home = host.shellOrFail("root", "getent passwd " + user + " | cut -d: -f6").strip();
    Optional<String> own = host.readFile(home + "/.config/nix/nix.conf")
        .flatMap(text -> parseOrEmpty(text).get("builders"));
    String trustedUsers = system.get("trusted-users").orElse("");
    Set<String> groups = Set.of(host.shellOrFail("root", "id -nG " + user).strip().split("\\s+"));
    boolean trusted = user.equals("root") || List.of(trustedUsers.split("\\s+")).stream().anyMatch(t ->
        t.equals(user) || t.equals("*") || (t.startsWith("@") && groups.contains(t.substring(1))));
    String daemonBuilders = (trusted ? asUser : system).get("builders").orElse("");
    List<String> machines = List.of();
    List<String> missing = List.of();
    try {
      MachinesFile parsed = MachinesFile.parse(daemonBuilders, host::readFile);
      machines = parsed.machines().stream().map(Machine::hostName).toList();
      missing = parsed.missingIncludes();
    } catch (MachinesFileException e) {
      machines = List.of("(unparsable: " + e.getMessage() + ")");
    }
    return new ClientFacts(user, trusted, trustedUsers, own, daemonBuilders, machines, missing);
  }

  private static NixConf parseOrEmpty(String text) {
    try {
      return NixConf.parse(text);
    } catch (IllegalArgumentException e) {
      return NixConf.empty();
    }
  }
}

package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.dispatch.Shell;
import dev.dispatchcheck.dispatch.evidence.ClientFacts;
import dev.dispatchcheck.dispatch.evidence.EffectPath;
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

  /** Separates the parts of the one script's output; no setting or file here holds it. */
  private static final String PART = "@@dispatchcheck-part@@";

  /**
   * What one read gives.
   *
   * @param settingsAsUser what {@code nix show-config} prints as the user: the settings Nix uses for them
   */
  record Reading(ClientFacts facts, String settingsAsUser) {}

  /**
   * The same for a build an effect started ({@code effect} present): the agent's side
   * asks for its {@code nixSettings} builders over its dotfile's, and the effect's own
   * builders count only when empty.
   */
  static Reading read(NixHost host, String user, Optional<EffectPath> effect) {
    // One exec for everything but the machines files' includes: execs are what costs here.
    String u = Shell.quote(user);
    String[] parts = host.queryOrFail("root", String.join("; echo " + PART + "; ",
        host.showConfigCommand() + " || exit 1",
        "sudo -u " + u + " -H " + host.showConfigCommand() + " || exit 1",
        "id -nG " + u,
        "cat \"$(getent passwd " + u + " | cut -d: -f6)/.config/nix/nix.conf\" 2>/dev/null; true")).split(PART + "\n?", -1);
    NixConf system = NixConf.parse(parts[0]);
    NixConf asUser = NixConf.parse(parts[1]);
    Set<String> groups = Set.of(parts[2].strip().split("\\s+"));
    Optional<String> dotfile = Optional.of(parts[3]).filter(t -> !t.isBlank()).flatMap(text -> parseOrEmpty(text).get("builders"));
    Optional<String> own = effect.map(e -> e.agentBuilders(dotfile)).orElse(dotfile);
    String trustedUsers = system.get("trusted-users").orElse("");
    boolean trusted = user.equals("root") || List.of(trustedUsers.split("\\s+")).stream().anyMatch(t ->
        t.equals(user) || t.equals("*") || (t.startsWith("@") && groups.contains(t.substring(1))));
    String daemonBuilders = effect.filter(EffectPath::ownBuildersEmpty).map(e -> "")
        .or(() -> trusted ? effect.flatMap(e -> e.agentBuilders(Optional.empty())).or(() -> asUser.get("builders"))
            : system.get("builders")).orElse("");
    List<String> machines = List.of();
    List<String> missing = List.of();
    try {
      MachinesFile parsed = MachinesFile.parse(daemonBuilders, host::readFile);
      machines = parsed.machines().stream().map(Machine::hostName).toList();
      missing = parsed.missingIncludes();
    } catch (MachinesFileException e) {
      machines = List.of("(unparsable: " + e.getMessage() + ")");
    }
    return new Reading(new ClientFacts(user, trusted, trustedUsers, own, daemonBuilders, machines, missing), parts[1]);
  }

  private static NixConf parseOrEmpty(String text) {
    try {
      return NixConf.parse(text);
    } catch (IllegalArgumentException e) {
      return NixConf.empty();
    }
  }
}

package dev.dispatchcheck.driver.farm;

import dev.dispatchcheck.dispatch.Shell;
import dev.dispatchcheck.dispatch.evidence.ClientFacts;
import dev.dispatchcheck.dispatch.evidence.EffectPath;
import dev.dispatchcheck.dispatch.config.Machine;
import dev.dispatchcheck.dispatch.config.MachinesFile;
import dev.dispatchcheck.dispatch.config.MachinesFileException;
import dev.dispatchcheck.dispatch.config.NixConf;
import dev.dispatchcheck.driver.host.NixHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the daemon's view of a user from a client host: the system's settings (asked of
 * Nix as root), the user's own nix.conf, and the files its builders value names. Nix logs
 * neither an ignored untrusted setting (2.8) nor a missing machines file, so the harness
 * looks for itself.
 *
 * <p>The read has two parts: the host's (root's settings, the same for every user and every
 * effect) and the user's (their settings, groups and dotfile). Each is asked only when it is
 * not already known ({@link FactsCache}), and what is asked goes in one command: each Nix
 * process is some 60 ms of CPU here, most of a read.
 */
final class ClientFactsReader {
  private ClientFactsReader() {}

  /** Separates the parts of the one script's output; no setting or file here holds it. */
  private static final String PART = "@@dispatchcheck-part@@";

  /**
   * A user name the shell's {@code ~name} finds the home of (a portable name, unquoted): the
   * home is then looked up without a getent and a cut started for it.
   */
  private static final Pattern PORTABLE_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

  /** What the user's part of a read gives: their settings as Nix prints them, their groups, their own nix.conf. */
  record UserView(String settings, Set<String> groups, String dotfile) {}

  /** What one read asked: the host's settings as root if asked, the user's part if asked. */
  record Asked(Optional<String> systemSettings, Optional<UserView> user) {}

  /** Reads the parts not yet known ({@code system}, {@code user}: whether to ask for each), in one command. */
  static Asked read(NixHost host, String user, boolean system, boolean userPart) {
    List<String> script = new ArrayList<>();
    if (system) script.add(host.showConfigCommand() + " || exit 1");
    if (userPart) script.addAll(userScript(host, user));
    if (script.isEmpty()) return new Asked(Optional.empty(), Optional.empty());
    String[] parts = host.queryOrFail("root", String.join("; echo " + PART + "; ", script)).split(PART + "\n?", -1);
    int next = 0;
    Optional<String> systemSettings = system ? Optional.of(parts[next++]) : Optional.empty();
    Optional<UserView> view = Optional.empty();
    if (userPart) {
      view = Optional.of(new UserView(parts[next], Set.of(parts[next + 1].strip().split("\\s+")), parts[next + 2]));
    }
    return new Asked(systemSettings, view);
  }

  private static List<String> userScript(NixHost host, String user) {
    String u = Shell.quote(user);
    // ~name must be unquoted, up to an unquoted slash, for the shell to expand it.
    String home = PORTABLE_USER.matcher(user).matches() ? "~" + user : "\"$(getent passwd " + u + " | cut -d: -f6)\"";
    return List.of("sudo -u " + u + " -H " + host.showConfigCommand() + " || exit 1",
        "id -nG " + u,
        "cat " + home + "/.config/nix/nix.conf 2>/dev/null; true");
  }

  /**
   * The daemon's view of {@code user} from the two parts, for a build an effect started when
   * {@code effect} is present: the agent's side asks for its {@code nixSettings} builders over
   * its dotfile's, and the effect's own builders count only when empty.
   */
  static ClientFacts facts(NixHost host, String user, Optional<EffectPath> effect, String systemSettings, UserView view) {
    NixConf system = NixConf.parse(systemSettings);
    NixConf asUser = NixConf.parse(view.settings());
    Optional<String> dotfile = Optional.of(view.dotfile()).filter(t -> !t.isBlank()).flatMap(text -> parseOrEmpty(text).get("builders"));
    Optional<String> own = effect.map(e -> e.agentBuilders(dotfile)).orElse(dotfile);
    String trustedUsers = system.get("trusted-users").orElse("");
    boolean trusted = user.equals("root") || List.of(trustedUsers.split("\\s+")).stream().anyMatch(t ->
        t.equals(user) || t.equals("*") || (t.startsWith("@") && view.groups().contains(t.substring(1))));
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

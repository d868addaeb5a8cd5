package dev.dispatchcheck.dispatch.layout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The agent host's configuration as the daemon sees it for each user: the system nix.conf,
 * trusted-users, each user's own nix.conf, and the builders value that counts. The same
 * rules as {@code ClientFactsReader} applies to a live host, here applied to the farm's
 * files, so what {@link FarmPlan} predicts is what the harness will later read.
 */
final class AgentView {

  /** Nix's default builders value (nixConfDir is /etc/nix on the hosts the harness runs). */
  static final String DEFAULT_BUILDERS = "@" + FarmLayout.SYSTEM_MACHINES;

  private final FarmLayout layout;
  private final FarmLimits limits;
  private final NixConfChain system;

  AgentView(FarmLayout layout, FarmLimits limits) {
    this.layout = layout;
    this.limits = limits;
    this.system = NixConfChain.read(FarmLayout.SYSTEM_NIX_CONF, files(), true, limits);
  }

  FarmLimits limits() {
    return limits;
  }

  Function<String, Optional<String>> files() {
    return layout::agentFile;
  }

  NixConfChain system() {
    return system;
  }

  List<String> trustedUsers() {
    return system.trustedUsers();
  }

  /** root always; else by name, {@code *}, or {@code @group}. */
  boolean trusted(FarmUser user) {
    Set<String> groups = groups(user.name());
    return user.name().equals("root") || trustedUsers().stream().anyMatch(t ->
        t.equals(user.name()) || t.equals("*") || (t.startsWith("@") && groups.contains(t.substring(1))));
  }

  Optional<NixConfChain> dotfile(FarmUser user) {
    return layout.agentFile(user.dotfile()).map(text -> NixConfChain.read(user.dotfile(), files(), true, limits));
  }

  /** Every nix.conf chain Nix reads on the agent host: the system's, then each user's dotfile. */
  List<NixConfChain> nixConfs() {
    List<NixConfChain> chains = new ArrayList<>(List.of(system));
    FarmUser.ALL.forEach(u -> dotfile(u).ifPresent(chains::add));
    return chains;
  }

    Optional<NixConfChain.Located> ownBuilders(FarmUser user) {
    return dotfile(user).flatMap(conf -> conf.last("builders"));
  }

  /** The system's builders setting; empty when it sets none and Nix's default applies. */
  Optional<NixConfChain.Located> systemBuilders() {
    return system.last("builders");
  }

  /** A trusted user's own builders count; an untrusted user's are ignored by the daemon. */
  String daemonBuilders(FarmUser user) {
    Optional<NixConfChain.Located> own = trusted(user) ? ownBuilders(user) : Optional.empty();
    return own.or(this::systemBuilders).map(NixConfChain.Located::value).orElse(DEFAULT_BUILDERS);
  }

  /** The system's builders value, walked; Nix's default names a file that may well be absent, so that is no problem. */
  MachineEntries walkSystem() {
    return systemBuilders()
        .map(this::walk)
        .orElseGet(() -> MachineEntries.walk(DEFAULT_BUILDERS,
            new MachineEntries.Origin(FarmLayout.SYSTEM_NIX_CONF, 0), files(), false, limits));
  }

  Optional<MachineEntries> walkOwn(FarmUser user) {
    return ownBuilders(user).map(this::walk);
  }

  /** The builders value of the agent configuration's nixSettings, at its line in that file. */
  Optional<NixConfChain.Located> nixSettingsBuilders() {
    return layout.agentConfig().flatMap(c -> c.setting("builders")
        .map(e -> new NixConfChain.Located(c.file(), e.line(), e.name(), e.value())));
  }

  /**
   * The builders value the daemon uses for the agent's effects: the agent's proxy forwards
   * nixSettings over the dotfile, obeyed only if the agent is trusted.
   */
  String effectDaemonBuilders() {
    if (!trusted(FarmUser.AGENT)) return daemonBuilders(FarmUser.AGENT);
    return nixSettingsBuilders().map(NixConfChain.Located::value).orElseGet(() -> daemonBuilders(FarmUser.AGENT));
  }

  Optional<MachineEntries> walkNixSettings() {
    return nixSettingsBuilders().map(this::walk);
  }

  private MachineEntries walk(NixConfChain.Located setting) {
    return MachineEntries.walk(setting.value(),
        new MachineEntries.Origin(setting.file(), setting.line()), files(), true, limits);
  }

  /**
   * The user's groups: a group of its own name (useradd's default, as on the harness's
   * agent host), and any the farm's /etc/group and /etc/passwd give it.
   */
  private Set<String> groups(String user) {
    Set<String> groups = new TreeSet<>(List.of(user));
    Set<String> primary = new HashSet<>(); // gids, one pass over each file however long both are
    for (String[] p : colonLines("/etc/passwd")) if (p.length > 3 && p[0].equals(user)) primary.add(p[3]);
    for (String[] g : colonLines("/etc/group")) {
      if (g.length > 3 && List.of(g[3].split(",")).contains(user)) groups.add(g[0]);
      if (g.length > 2 && primary.contains(g[2])) groups.add(g[0]);
    }
    return groups;
  }

  private List<String[]> colonLines(String path) {
    List<String[]> out = new ArrayList<>();
    for (String line : layout.agentFile(path).orElse("").split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) out.add(line.strip().split(":", -1));
    }
    return out;
  }
}

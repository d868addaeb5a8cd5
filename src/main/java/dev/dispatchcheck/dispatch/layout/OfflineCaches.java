package dev.dispatchcheck.dispatch.layout;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The binary caches a farm names, which the stand-ins cannot reach: they sit on internal
 * networks, where a cache's name does not resolve until the resolver gives up (20 s a
 * lookup, and Nix tries five times: a trusted user's {@code extra-substituters} in its
 * dotfile cost a build 55 s). So every substituter setting is deployed commented out, line
 * for line (in each nix.conf of the agent, includes and dotfiles too, and each builder's),
 * and left out of nixSettings, whether or not the farm's commands run. Every host's nix.conf
 * also ends with {@code substituters =}. A probe is a new derivation, in no cache, so no cell's
 * answer depends on a cache.
 */
public final class OfflineCaches {
  static final Set<String> SETTINGS = Set.of("substituters", "extra-substituters", "trusted-substituters",
      "extra-trusted-substituters");
  private static final String MARK = FarmDeployment.MARK + " (no binary cache is reachable offline): ";

  /**
   * A substituter setting of the farm's.
   *
   * @param host {@link HarnessHosts#AGENT}, or a builder's directory name, or "" for the agent configuration's nixSettings
   * @param path the deployed file ({@code /etc/nix/nix.conf}), or the nixSettings name
   */
  public record Cache(String host, String path, String file, int line, String name, String value) {
    /** What the map's notes say of it. */
    public String note() {
      return file + ":" + line + ": " + name + " '" + FarmCommand.shown(value) + "': "
          + (host.isEmpty() ? "left out of the effects' nixSettings" : "deployed commented out")
          + ", as the stand-ins are offline and reach no binary cache: nothing was substituted, and no build waited for"
          + " a cache. The probes are new derivations, in no cache, so no cell's answer depends on one";
    }
  }

  private OfflineCaches() {}

  /** The farm's substituter settings, by file and line. */
  public static List<Cache> of(FarmLayout layout, FarmLimits limits) {
    Set<Cache> found = new LinkedHashSet<>(); // a file two chains include is one file
    for (NixConfChain chain : new AgentView(layout, limits).nixConfs()) {
      chain.settings().stream().filter(s -> SETTINGS.contains(s.name())).forEach(s -> found.add(new Cache(
          HarnessHosts.AGENT, s.file(), FarmLayout.farmPathOfAgentFile(s.file()), s.line(), s.name(), s.value())));
    }
    layout.builderNixConfs().forEach((host, text) -> NixConfChain.read(FarmLayout.SYSTEM_NIX_CONF, p -> Optional.of(text),
        false).settings().stream().filter(s -> SETTINGS.contains(s.name())).forEach(s -> found.add(new Cache(host,
        FarmLayout.SYSTEM_NIX_CONF, FarmLayout.farmPathOfBuilderNixConf(host), s.line(), s.name(), s.value()))));
    layout.agentConfig().ifPresent(c -> c.settings().stream().filter(e -> SETTINGS.contains(e.name())).forEach(e ->
        found.add(new Cache("", e.name(), c.file(), e.line(), e.name(), e.value()))));
    return List.copyOf(found);
  }

  /** {@code layout} as the stand-ins get it: each of {@code caches} commented out, or left out of nixSettings. */
  public static FarmLayout deployed(FarmLayout layout, List<Cache> caches) {
    if (caches.isEmpty()) return layout;
    Map<String, String> agent = new TreeMap<>(layout.agentFiles());
    Map<String, String> builders = new TreeMap<>(layout.builderNixConfs());
    for (Cache c : caches) {
      if (c.host().equals(HarnessHosts.AGENT)) agent.computeIfPresent(c.path(), (k, text) -> commented(text, c.line()));
      else if (!c.host().isEmpty()) builders.computeIfPresent(c.host(), (k, text) -> commented(text, c.line()));
    }
    Optional<AgentConfig> config = layout.agentConfig().map(a -> new AgentConfig(a.file(), a.settings().stream()
        .filter(e -> caches.stream().noneMatch(c -> c.host().isEmpty() && c.line() == e.line() && c.name().equals(e.name())))
        .toList(), a.problems()));
    return new FarmLayout(layout.dir(), agent, builders, layout.features(), config);
  }

  /** Line {@code n} of {@code text} as a comment, the rest kept line for line. */
  private static String commented(String text, int n) {
    String[] lines = text.split("\n", -1);
    if (n >= 1 && n <= lines.length && !lines[n - 1].startsWith(MARK)) lines[n - 1] = MARK + lines[n - 1].strip();
    return String.join("\n", lines);
  }
}

package dev.dispatchcheck.dispatch.layout;

import dev.dispatchcheck.dispatch.config.SshConfig;
import dev.dispatchcheck.dispatch.config.SshHop;
import dev.dispatchcheck.dispatch.layout.FarmCommand.Kind;
import dev.dispatchcheck.dispatch.layout.FarmCommand.Source;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every command a farm's files would run ({@link FarmCommand}): the hooks of each nix.conf
 * Nix reads (the agent's system nix.conf and its includes, each user's dotfile, each
 * builder's nix.conf) and of the agent configuration's nixSettings, and the command-running
 * options of each ssh_config the farm holds ({@link SshConfigFiles}). A hook set to nothing
 * ({@code post-build-hook =}) runs nothing and is not one.
 */
public final class FarmCommands {
  private static final Map<String, Kind> SETTINGS = Map.of(
      "build-hook", Kind.BUILD_HOOK, "extra-build-hook", Kind.BUILD_HOOK,
      "pre-build-hook", Kind.PRE_BUILD_HOOK, "post-build-hook", Kind.POST_BUILD_HOOK, "diff-hook", Kind.DIFF_HOOK,
      "plugin-files", Kind.PLUGIN_FILES, "extra-plugin-files", Kind.PLUGIN_FILES);
  private static final List<Kind> SSH_OPTIONS = List.of(
      Kind.PROXY_COMMAND, Kind.LOCAL_COMMAND, Kind.KNOWN_HOSTS_COMMAND, Kind.PKCS11_PROVIDER, Kind.SECURITY_KEY_PROVIDER,
      Kind.REMOTE_COMMAND, Kind.PROXY_JUMP);

  private FarmCommands() {}

  /** Whether a Nix setting of this name runs a command or loads code: a hook, or plugin-files (an extra- form too). */
  public static boolean runsCommands(String setting) {
    return SETTINGS.containsKey(setting) || SETTINGS.containsKey(setting.replaceFirst("^extra-", ""));
  }

  /** The farm's commands, by file and line. */
  public static List<FarmCommand> of(FarmLayout layout) {
    return of(layout, FarmLimits.DEFAULT);
  }

  /** Under {@code limits}: includes followed as deep as lint follows them. */
  public static List<FarmCommand> of(FarmLayout layout, FarmLimits limits) {
    Set<FarmCommand> found = new LinkedHashSet<>(); // a file reached from two chains is one file
    AgentView view = new AgentView(layout, limits);
    nixConf(view.system(), Source.AGENT_FILE, found);
    for (FarmUser user : FarmUser.ALL) view.dotfile(user).ifPresent(c -> nixConf(c, Source.AGENT_FILE, found));
    layout.builderNixConfs().forEach((host, text) -> {
      NixConfChain conf = NixConfChain.read(FarmLayout.SYSTEM_NIX_CONF, p -> Optional.of(text), false);
      for (NixConfChain.Located s : conf.settings()) {
        hook(s.name(), s.value()).ifPresent(k -> found.add(new FarmCommand(k, Source.BUILDER_NIX_CONF, host,
            FarmLayout.farmPathOfBuilderNixConf(host), s.line(), s.name(), s.value().strip(), List.of())));
      }
    });
    layout.agentConfig().ifPresent(c -> c.settings().forEach(e -> hook(e.name(), e.value()).ifPresent(k -> found.add(
        new FarmCommand(k, Source.NIX_SETTINGS, e.name(), c.file(), e.line(), e.name(), e.value().strip(), List.of())))));
    SshConfigFiles.of(layout).forEach((path, config) -> ssh(path, config, found));
    List<FarmCommand> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparing(FarmCommand::file).thenComparingInt(FarmCommand::line));
    return sorted;
  }

  private static void nixConf(NixConfChain chain, Source source, Set<FarmCommand> found) {
    for (NixConfChain.Located s : chain.settings()) {
      hook(s.name(), s.value()).ifPresent(k -> found.add(new FarmCommand(k, source, s.file(),
          FarmLayout.farmPathOfAgentFile(s.file()), s.line(), s.name(), s.value().strip(), List.of())));
    }
  }

  private static Optional<Kind> hook(String name, String value) {
    return value.isBlank() ? Optional.empty() : Optional.ofNullable(SETTINGS.get(name));
  }

  private static void ssh(String path, SshConfig config, Set<FarmCommand> found) {
    String file = FarmLayout.farmPathOfAgentFile(path);
    for (SshConfig.Line l : config.lines()) {
      for (String exec : SshConfig.execs(l)) {
        found.add(new FarmCommand(Kind.MATCH_EXEC, Source.AGENT_FILE, path, file, l.number(), l.keyword(), exec,
            keywords(config.block(l.number()))));
      }
      SSH_OPTIONS.stream().filter(k -> l.is(k.keyword)).findFirst()
          // What turns an option off ("none"; ssh's own security-key support) runs nothing of the farm's.
          .filter(k -> !l.rest().isEmpty() && !l.rest().equals("none") && !l.rest().equals(k.offValue()))
          // A ProxyCommand that only runs ssh -W through a jump host is ProxyJump by another name: a bastion stands in.
          .map(k -> k == Kind.PROXY_COMMAND && SshHop.sshW(l.rest()).isPresent() ? Kind.PROXY_COMMAND_JUMP : k)
          .ifPresent(k -> found.add(new FarmCommand(k, Source.AGENT_FILE, path, file, l.number(), l.keyword(), l.rest(),
              List.of())));
    }
  }

  /** The keywords a block sets, each once (case aside), as first written. */
  private static List<String> keywords(List<SshConfig.Line> block) {
    Map<String, String> seen = new LinkedHashMap<>();
    block.forEach(l -> seen.putIfAbsent(l.keyword().toLowerCase(), l.keyword()));
    return List.copyOf(seen.values());
  }
}

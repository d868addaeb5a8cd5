package dev.dispatchcheck.dispatch.layout;

import dev.dispatchcheck.dispatch.config.SshConfig;
import dev.dispatchcheck.dispatch.config.SshOptions;
import dev.dispatchcheck.dispatch.config.SshRoute;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Root's ssh on the agent host, as the farm configures it: the daemon's build hook runs ssh
 * as root, which reads root's {@code ~/.ssh/config} and then {@code /etc/ssh/ssh_config},
 * each {@code Include} where it stands ({@link SshConfigFiles} resolves the paths). A farm
 * without a system ssh_config gets the stand-in's, Debian's, which includes
 * {@code /etc/ssh/ssh_config.d/*.conf} and sets nothing that changes a route.
 */
public final class RootSsh {
  static final String ROOT_CONFIG = FarmUser.ROOT.home() + "/.ssh/config";
  /** What Debian's /etc/ssh/ssh_config does for a route. */
  private static final String DEBIAN_SYSTEM_CONFIG = "Include /etc/ssh/ssh_config.d/*.conf\n";

  private final FarmLayout layout;
  private final List<SshOptions.ConfigFile> files = new ArrayList<>();
  /** The home an Include is resolved against, by file: root's for a user file and what it includes, none for the system's. */
  private final Map<String, String> homeOf = new HashMap<>();
  private final Map<String, SshOptions.ConfigFile> parsed = new HashMap<>();
  /** Each route once: lint asks for every machines line's, and a farm may hold thousands of lines. */
  private final Map<String, SshRoute> routes = new HashMap<>();

  RootSsh(FarmLayout layout) {
    this.layout = layout;
    layout.agentFile(ROOT_CONFIG).ifPresent(text -> files.add(file(ROOT_CONFIG, text, FarmUser.ROOT.home())));
    files.add(file(SshConfigFiles.SYSTEM, layout.agentFile(SshConfigFiles.SYSTEM).orElse(DEBIAN_SYSTEM_CONFIG), ""));
  }

  public static RootSsh of(FarmLayout layout) {
    return new RootSsh(layout);
  }

  /** Root's ssh with no configuration but Debian's: each name is its own host. */
  static RootSsh none() {
    return new RootSsh(new FarmLayout(java.nio.file.Path.of(""), Map.of(), Map.of(), List.of(), Optional.empty()));
  }

  /** A file parsed once, and the home its Include lines resolve against (the first that reached it). */
  private SshOptions.ConfigFile file(String path, String text, String home) {
    homeOf.putIfAbsent(path, home);
    return parsed.computeIfAbsent(path, p -> new SshOptions.ConfigFile(p, SshConfig.parse(text)));
  }

  /** The route root's ssh takes to {@code host}, as {@code user} when the machines line names one. */
  public SshRoute route(String host, Optional<String> user) {
    return routes.computeIfAbsent(user.map(u -> u + "@").orElse("") + host, k -> SshRoute.of(this::options, host, user));
  }

  SshOptions options(String destination, Optional<String> user, Optional<String> port) {
    return SshOptions.read(files, this::included, destination, user, port);
  }

  /** The farm's files an Include argument names, sorted as glob(3) returns them. */
  private List<SshOptions.ConfigFile> included(String argument, SshOptions.ConfigFile from) {
    String home = homeOf.getOrDefault(from.path(), "");
    String glob = FarmLayout.normalize(SshConfigFiles.resolve(argument, home));
    List<SshOptions.ConfigFile> out = new ArrayList<>();
    layout.agentFiles().forEach((path, text) -> {
      if (SshConfigFiles.globMatches(glob, path)) out.add(file(path, text, home));
    });
    return out;
  }
}

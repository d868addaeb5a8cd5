package dev.dispatchcheck.dispatch.layout;

import java.util.List;

/**
 * Where a farm may put files on the agent host: Nix's and SSH's configuration, root's and the
 * agent's homes (their dotfiles, keys and known hosts). Anywhere else a farm file could
 * replace a program the harness or the probe runs as root ({@code /usr/local/bin/nix-build}
 * comes first on sudo's path, and the harness's own scripts are under /usr/local/sbin), and
 * so forge where builds went.
 */
final class AgentPaths {
  static final List<String> ALLOWED = List.of(
      "/etc/nix/", "/etc/ssh/ssh_config", "/etc/ssh/ssh_config.d/", "/etc/ssh/ssh_known_hosts", "/etc/hosts",
      "/root/.ssh/", "/root/.config/nix/", "/var/lib/hercules-ci-agent/");

  private AgentPaths() {}

  /** Whether a farm may deploy a file at {@code path} (absolute, normalised) on the agent host. */
  static boolean allowed(String path) {
    return ALLOWED.stream().anyMatch(a -> a.endsWith("/") ? path.startsWith(a) : path.equals(a));
  }
}

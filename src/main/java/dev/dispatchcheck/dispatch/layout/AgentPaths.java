package dev.dispatchcheck.dispatch.layout;

import java.util.List;
import java.util.Optional;

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

  /**
   * Where the key-file column of a machines line may point. The harness makes a fresh key
   * at that path on the agent host, as root ({@code ssh-keygen -f PATH}, which writes PATH
   * and PATH.pub): so the places of {@link #ALLOWED} that hold keys, and none whose files a
   * program reads by their directory ({@code ssh_config.d/*.conf}, {@code .config/nix/}).
   */
  static final List<String> KEY_DIRECTORIES = List.of("/etc/nix/", "/root/.ssh/", "/var/lib/hercules-ci-agent/");

  /** Files there that Nix, ssh or the harness reads or writes, which a key made at their path would replace. */
  private static final List<String> NOT_KEYS = List.of("/etc/nix/nix.conf", "/etc/nix/machines",
      "/etc/nix/registry.json", "/etc/nix/netrc", "/var/lib/hercules-ci-agent/.config/",
      "/var/lib/hercules-ci-agent/work/");
  /** ssh's own files in a {@code .ssh} directory, and root's key that the harness makes there. */
  private static final List<String> NOT_KEYS_IN_DOT_SSH = List.of("config", "authorized_keys", "authorized_keys2",
      "known_hosts", "known_hosts2", "environment", "rc", "id_ed25519", "id_ed25519.pub");

  private AgentPaths() {}

  /** Whether a farm may deploy a file at {@code path} (absolute, normalised) on the agent host. */
  static boolean allowed(String path) {
    return ALLOWED.stream().anyMatch(a -> a.endsWith("/") ? path.startsWith(a) : path.equals(a));
  }

  /**
   * Why the harness may not make a key at {@code path} (absolute, of safe characters); empty
   * when it may. {@code what} names the column's value for the message.
   */
  static Optional<String> keyFileProblem(String path, String what) {
    String normalized = FarmLayout.normalize(path);
    if (KEY_DIRECTORIES.stream().noneMatch(normalized::startsWith)) {
      return Optional.of(what + " lies outside the directories a key file may be in (" + String.join(", ", KEY_DIRECTORIES)
          + "): dispatchcheck makes a fresh key at that path on the agent host, as root");
    }
    return List.of(normalized, normalized + ".pub").stream().filter(AgentPaths::notAKey).findFirst().map(taken ->
        what + " names a file that Nix, ssh or dispatchcheck itself reads or writes (" + taken + "): dispatchcheck makes"
            + " a fresh key at that path (and its .pub) on the agent host, as root, which would replace it");
  }

  private static boolean notAKey(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return NOT_KEYS.stream().anyMatch(n -> n.endsWith("/") ? path.startsWith(n) : path.equals(n))
        || (path.contains("/.ssh/") && NOT_KEYS_IN_DOT_SSH.contains(name));
  }
}
